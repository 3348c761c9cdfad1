// The four state machines of DOMAIN.md §15–18. Each module exports `transition(state, command, context)`; here they are
// re-exported under distinct names, with each module also available as a namespace.
export * from "./common";
export * as reconsideration from "./reconsideration";
export * as mediation from "./mediation";
export * as consultation from "./consultation";
export * as letter from "./letter";

export {
  transitionCase,
  newCase,
  caseStates,
  caseStateLabels,
  caseTransitions,
  caseCommandTypes,
  CaseCommandSchema,
  reconsiderationMachine,
  type CaseState,
  type CaseStateName,
  type CaseCommand,
} from "./reconsideration";
export {
  transitionMediation,
  newMediationRequest,
  mediationStates,
  mediationStateLabels,
  mediationTransitions,
  mediationCommandTypes,
  MediationCommandSchema,
  mediationMachine,
  type MediationState,
  type MediationStateName,
  type MediationCommand,
} from "./mediation";
export {
  transitionConsultation,
  draftReferral,
  consultationStates,
  consultationStateLabels,
  consultationTransitions,
  consultationCommandTypes,
  ConsultationCommandSchema,
  consultationMachine,
  type ConsultationState,
  type ConsultationStateName,
  type ConsultationCommand,
} from "./consultation";
export {
  transitionLetter,
  draftLetter,
  letterStates,
  letterStateLabels,
  letterTransitions,
  letterCommandTypes,
  LetterCommandSchema,
  letterMachine,
  type LetterState,
  type LetterStateName,
  type LetterCommand,
} from "./letter";
export * from "./automatic";
