import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { inConversation, type Conversation } from '@csc/tracing';
import { conversationOf } from './command-context';

export type RequestInConversation = Request & { conversation?: Conversation };

/**
 * Gives each request its conversation (correlation id and trace) for everything after it: the events
 * its command writes and every log line. Mounted after the body parser, whose stream callbacks would
 * otherwise run outside it.
 */
export const conversations = (): RequestHandler => (request: RequestInConversation, _response: Response, next: NextFunction) => {
  const conversation = conversationOf(request.headers);
  request.conversation = conversation;
  inConversation(conversation, next);
};
