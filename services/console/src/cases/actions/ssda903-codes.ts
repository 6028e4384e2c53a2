/**
 * The SSDA903 (children looked after return) codes a looked after period starts and ends with. The API
 * takes any such code (it checks only their shape); libs/contracts holds no list of them, so the console
 * offers the DfE's lists here, each with its meaning, for the social worker to choose from.
 */
export const LEGAL_STATUSES: Record<string, string> = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  J1: 'Remanded to local authority accommodation or to youth detention accommodation',
  J2: 'Placed in local authority accommodation under the Police and Criminal Evidence Act 1984',
  J3: 'Sentenced to a youth rehabilitation order with a residence or intensive fostering requirement',
  L1: 'Under police protection and in local authority accommodation',
  L2: 'Emergency protection order',
  L3: 'Under a child assessment order and in local authority accommodation',
  V2: 'Single period of accommodation under section 20 (Children Act 1989)',
  V3: 'Accommodated under an agreed series of short-term breaks, when individual episodes are recorded',
  V4: 'Accommodated under an agreed series of short-term breaks, when agreements are recorded',
};

export const REASONS_EPISODE_CEASED: Record<string, string> = {
  E11: 'Adopted: application for an adoption order unopposed',
  E12: 'Adopted: consent dispensed with by the court',
  E13: 'Left care to live with parent, relative or other person with no parental responsibility',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment determined the child is aged 18 or over',
  E16: 'Child moved abroad',
  E17: 'Aged 18 or over and remained with current carers (including staying put)',
  E2: 'Died',
  E3: 'Care taken over by another local authority in the UK',
  E41: 'Child arrangements order granted',
  E45: 'Special guardianship order made to former foster carers',
  E46: 'Special guardianship order made to carers other than former foster carers',
  E47: 'Special guardianship order made to former foster carers who are relatives or friends',
  E48: 'Special guardianship order made to carers, other than former foster carers, who are relatives or friends',
  E4A: 'Returned home to live with parents or others with parental responsibility, as part of the care planning process',
  E4B: 'Returned home to live with parents or others with parental responsibility, not as part of the care planning process',
  E5: 'Moved into independent living with formalised advice and support',
  E6: 'Moved into independent living without formalised advice and support',
  E7: 'Transferred to residential care funded by adult social care services',
  E8: 'Period of being looked after ceased for any other reason',
  E9: 'Sentenced to custody',
};
