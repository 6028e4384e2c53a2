/**
 * Common English given names and the short forms referrers use for them. A pair is close when
 * both names share a group. Kept deliberately to well-established forms: a loose list would merge
 * different children.
 */
const NICKNAME_GROUPS: string[][] = [
  ['william', 'will', 'bill', 'billy', 'liam', 'willy'],
  ['robert', 'rob', 'robbie', 'bob', 'bobby', 'bert'],
  ['elizabeth', 'liz', 'lizzie', 'lizzy', 'beth', 'betty', 'eliza', 'libby', 'bess'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge'],
  ['katherine', 'catherine', 'kathryn', 'kate', 'katie', 'kat', 'cath', 'kath', 'kathy', 'cathy', 'kitty'],
  ['alexander', 'alex', 'xander', 'sandy', 'alec'],
  ['alexandra', 'alex', 'lexi', 'lexie', 'sasha', 'alexa'],
  ['james', 'jim', 'jimmy', 'jamie', 'jimbo'],
  ['john', 'johnny', 'jack', 'jonny'],
  ['jonathan', 'jon', 'jonny', 'johnny'],
  ['thomas', 'tom', 'tommy'],
  ['michael', 'mike', 'mikey', 'mick', 'micky'],
  ['charles', 'charlie', 'chas', 'chuck'],
  ['charlotte', 'lottie', 'charlie', 'lotte'],
  ['daniel', 'dan', 'danny'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammie', 'sammy'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['joseph', 'joe', 'joey'],
  ['matthew', 'matt', 'matty'],
  ['christopher', 'chris', 'kit'],
  ['nicholas', 'nick', 'nicky', 'nico'],
  ['anthony', 'tony', 'ant'],
  ['edward', 'ed', 'eddie', 'ted', 'teddy', 'ned'],
  ['richard', 'rich', 'richie', 'rick', 'ricky', 'dick'],
  ['rebecca', 'becky', 'becca', 'bex'],
  ['jessica', 'jess', 'jessie'],
  ['victoria', 'vicky', 'vicki', 'tori'],
  ['abigail', 'abbie', 'abby', 'abi', 'gail'],
  ['amelia', 'millie', 'mia', 'amy'],
  ['emily', 'em', 'emmy', 'emmie'],
  ['isabella', 'isabel', 'isabelle', 'bella', 'izzy', 'issy'],
  ['olivia', 'liv', 'livvy', 'livia'],
  ['sophia', 'sophie', 'soph'],
  ['eleanor', 'ellie', 'nell', 'nellie'],
  ['henry', 'harry', 'hal', 'hank'],
  ['harold', 'harry', 'hal'],
  ['frederick', 'fred', 'freddie', 'freddy'],
  ['theodore', 'theo', 'teddy', 'ted'],
  ['oliver', 'ollie', 'olly'],
  ['zachary', 'zach', 'zack', 'zak'],
  ['joshua', 'josh'],
  ['nathaniel', 'nathan', 'nate', 'nat'],
  ['gabriel', 'gabe'],
  ['david', 'dave', 'davey', 'davie'],
  ['stephen', 'steven', 'steve', 'stevie'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia'],
  ['susan', 'sue', 'susie', 'suzy'],
  ['jennifer', 'jen', 'jenny', 'jenna'],
  ['deborah', 'debbie', 'deb', 'debs'],
  ['jacqueline', 'jackie', 'jacqui'],
  ['penelope', 'penny', 'pen'],
  ['mohammed', 'muhammad', 'mohammad', 'mohamed', 'mo'],
  ['lewis', 'louis', 'lou'],
  ['leonardo', 'leo', 'leon'],
  ['archibald', 'archie'],
  ['florence', 'flo', 'florrie'],
  ['matilda', 'tilly', 'tillie', 'mattie'],
];

const groupsByName = new Map<string, Set<number>>();
NICKNAME_GROUPS.forEach((group, index) => {
  for (const name of group) groupsByName.set(name, (groupsByName.get(name) ?? new Set()).add(index));
});

export const areNicknames = (a: string, b: string): boolean => {
  const groupsOfA = groupsByName.get(a);
  const groupsOfB = groupsByName.get(b);
  if (!groupsOfA || !groupsOfB) return false;
  return [...groupsOfA].some((group) => groupsOfB.has(group));
};
