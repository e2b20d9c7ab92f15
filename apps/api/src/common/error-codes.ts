import { HttpStatus } from '@nestjs/common';

interface ErrorCodeEntry {
  status: HttpStatus;
  /** What the code means, for the OpenAPI document; the body's own message says what happened this time. */
  message: string;
  /** Statuses the code is also sent with, where the same fault is a missing resource on one route and a broken precondition on another. */
  also?: readonly HttpStatus[];
}

const {
  BAD_REQUEST,
  UNAUTHORIZED,
  FORBIDDEN,
  NOT_FOUND,
  METHOD_NOT_ALLOWED,
  CONFLICT,
  PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE,
  UNPROCESSABLE_ENTITY,
  TOO_MANY_REQUESTS,
  INTERNAL_SERVER_ERROR,
  SERVICE_UNAVAILABLE,
} = HttpStatus;

/**
 * Every `code` the API can put in an error body `{statusCode, code, message, details?}`, with its HTTP status. Codes are
 * the stable contract with clients; `AppException` accepts only these, and the OpenAPI document lists them as the
 * `ErrorCode` enum.
 */
export const ERROR_CODES = {
  // Requests in general (the exception filter)
  BAD_REQUEST: { status: BAD_REQUEST, message: 'The request is not valid' },
  VALIDATION_FAILED: {
    status: BAD_REQUEST,
    message: 'The body, query or path failed validation; details list each problem',
  },
  MALFORMED_JSON: { status: BAD_REQUEST, message: 'The request body is not valid JSON' },
  BODY_TOO_DEEP: { status: BAD_REQUEST, message: 'The request body nests arrays or objects too deeply' },
  FORBIDDEN: { status: FORBIDDEN, message: 'The request is not allowed' },
  NOT_FOUND: { status: NOT_FOUND, message: 'No such route or resource' },
  METHOD_NOT_ALLOWED: { status: METHOD_NOT_ALLOWED, message: 'The route does not accept this method' },
  CONFLICT: { status: CONFLICT, message: 'The request conflicts with the current state' },
  PAYLOAD_TOO_LARGE: { status: PAYLOAD_TOO_LARGE, message: 'The body or the uploaded file is too large' },
  IMPORT_TOO_LARGE: {
    status: PAYLOAD_TOO_LARGE,
    message: 'The spreadsheet inflates to more bytes, rows or columns than an import accepts',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: UNSUPPORTED_MEDIA_TYPE,
    message: 'The body has a content type the route does not read',
  },
  UNPROCESSABLE: { status: UNPROCESSABLE_ENTITY, message: 'The request cannot be carried out' },
  TOO_MANY_REQUESTS: { status: TOO_MANY_REQUESTS, message: 'Too many requests' },
  HTTP_ERROR: { status: BAD_REQUEST, message: 'Any other client error; statusCode gives the HTTP status' },
  INTERNAL_ERROR: { status: INTERNAL_SERVER_ERROR, message: 'Internal server error (never with a stack trace)' },
  QUEUE_UNAVAILABLE: {
    status: SERVICE_UNAVAILABLE,
    message: 'The job queue did not take the work; send it again',
  },
  DATABASE_UNAVAILABLE: {
    status: SERVICE_UNAVAILABLE,
    message: 'The database is not reachable right now; the request may be retried',
  },

  // Authentication and roles
  UNAUTHENTICATED: { status: UNAUTHORIZED, message: 'No valid bearer token' },
  TOKEN_INVALID: { status: UNAUTHORIZED, message: 'The token is expired, malformed or for the wrong kind of user' },
  INVALID_CREDENTIALS: { status: UNAUTHORIZED, message: 'Wrong user name or password' },
  ACCOUNT_DISABLED: { status: UNAUTHORIZED, message: 'The account is disabled' },
  LOGIN_THROTTLED: { status: TOO_MANY_REQUESTS, message: 'Too many failed staff sign-ins; details.retryAfterSeconds' },
  ROLE_REQUIRED: { status: FORBIDDEN, message: 'The user lacks the role this action needs' },
  ROLE_NOT_DECLARED: { status: FORBIDDEN, message: 'The route declares no role and is closed' },
  CANNOT_LOCK_SELF_OUT: {
    status: BAD_REQUEST,
    message: 'An admin cannot disable their own account or drop their own admin role',
  },
  USERNAME_TAKEN: { status: CONFLICT, message: 'The user name is in use' },
  USER_NOT_FOUND: { status: NOT_FOUND, message: 'No user has this id' },
  PASSWORD_WRONG: { status: FORBIDDEN, message: 'The current password given is not right' },
  PASSWORD_UNCHANGED: { status: BAD_REQUEST, message: 'The new password must differ from the current one' },

  // Institutions
  INSTITUTION_REQUIRED: {
    status: FORBIDDEN,
    message: 'The action is for users of an institution, or an institution user needs an institutionId',
    also: [BAD_REQUEST],
  },
  INSTITUTION_NOT_FOUND: { status: NOT_FOUND, message: 'No institution has this id', also: [BAD_REQUEST] },
  INSTITUTION_CODE_TAKEN: { status: CONFLICT, message: 'An institution with this code is on file' },
  INSTITUTION_REVOKED: { status: CONFLICT, message: 'A revoked filing cannot be changed' },
  INSTITUTION_INACTIVE: { status: FORBIDDEN, message: 'The institution is suspended or revoked' },
  INSTITUTION_SUSPENDED: {
    status: FORBIDDEN,
    message: 'The institution is suspended or not on file and cannot request papers',
  },
  INSTITUTION_EXPIRED: { status: FORBIDDEN, message: 'The exam date is outside the institution filing validity' },
  OUT_OF_SCOPE: { status: FORBIDDEN, message: 'The occupation and level are not in the institution filed scope' },
  VALIDITY_INVALID: { status: BAD_REQUEST, message: 'validUntil must be after validFrom' },

  // Item bank
  OCCUPATION_EXISTS: { status: CONFLICT, message: 'An occupation with this code exists' },
  OCCUPATION_NOT_FOUND: { status: NOT_FOUND, message: 'No occupation has this code' },
  LEVEL_INVALID: {
    status: BAD_REQUEST,
    message: 'The level is not one of "5", "4", "3", "2", "1", "S", or not one this occupation has',
  },
  BANK_NOT_FOUND: { status: NOT_FOUND, message: 'No item bank for this occupation and level' },
  KNOWLEDGE_MAP_INVALID: {
    status: UNPROCESSABLE_ENTITY,
    message: 'The knowledge map (细目表) is not valid; details list each problem',
  },
  KNOWLEDGE_MAP_MISSING: {
    status: UNPROCESSABLE_ENTITY,
    message: 'The bank has no knowledge map yet',
    also: [NOT_FOUND],
  },
  TEMPLATE_INVALID: { status: UNPROCESSABLE_ENTITY, message: 'The paper template is not valid' },
  POLICY_INVALID: { status: UNPROCESSABLE_ENTITY, message: 'The compliance policy is not valid' },
  POLICY_NOT_FOUND: { status: NOT_FOUND, message: 'No policy has this id', also: [UNPROCESSABLE_ENTITY] },
  POLICY_EXISTS: { status: CONFLICT, message: 'A policy with this id exists' },
  POLICY_ID_RESERVED: { status: CONFLICT, message: 'The id belongs to a built-in policy' },
  ITEM_INVALID: { status: UNPROCESSABLE_ENTITY, message: 'The item is not valid; details list each problem' },
  ITEM_NOT_FOUND: { status: NOT_FOUND, message: 'No item has this id' },
  VERSION_NOT_FOUND: { status: NOT_FOUND, message: 'The item has no such version' },
  ITEM_VERSION_OPEN: { status: CONFLICT, message: 'The latest version is in review and cannot be edited' },
  ITEM_VERSION_MISSING: { status: CONFLICT, message: 'A paper names an item version that is missing' },
  INVALID_TRANSITION: { status: CONFLICT, message: 'The workflow does not allow this action from the current status' },
  SELF_REVIEW_FORBIDDEN: { status: FORBIDDEN, message: 'An author cannot review their own version' },
  NOT_AUTHOR: { status: FORBIDDEN, message: 'Only the author of the version may do this' },
  REASON_REQUIRED: { status: BAD_REQUEST, message: 'A reason is required' },
  VERSION_IN_REVIEW: { status: CONFLICT, message: 'The version is in review' },
  ITEM_RETIRED: { status: CONFLICT, message: 'The item is retired' },
  FILE_REQUIRED: { status: BAD_REQUEST, message: 'Send the file as the multipart field "file"' },
  FILE_EMPTY: { status: BAD_REQUEST, message: 'The file has no rows' },
  FILE_UNREADABLE: { status: BAD_REQUEST, message: 'The file cannot be read' },
  HEADER_MISSING: { status: BAD_REQUEST, message: 'The file lacks required columns' },
  IMPORT_FORMAT_UNSUPPORTED: { status: UNSUPPORTED_MEDIA_TYPE, message: 'Import an .xlsx, .csv (UTF-8) or .json file' },
  IMPORT_INVALID: {
    status: UNPROCESSABLE_ENTITY,
    message: 'The import has errors and nothing was imported; details list each row',
  },
  IMPORT_VALID: { status: CONFLICT, message: 'The file has no bad rows to return: import it' },

  // Paper requests and assembly
  EXAM_DATE_INVALID: { status: BAD_REQUEST, message: 'examDate is not a valid YYYY-MM-DD date' },
  EXAM_DATE_PAST: { status: BAD_REQUEST, message: 'examDate is in the past' },
  FORMS_OR_PER_CANDIDATE: { status: BAD_REQUEST, message: 'Give either forms or perCandidate' },
  PAPER_REQUEST_NOT_FOUND: { status: NOT_FOUND, message: 'No paper request has this id' },
  PAPER_REQUEST_DECIDED: { status: CONFLICT, message: 'The request was already approved or rejected' },
  PAPER_REQUEST_NOT_READY: { status: CONFLICT, message: 'The request has no drawn papers yet' },
  BANK_BELOW_THRESHOLD: { status: UNPROCESSABLE_ENTITY, message: 'The bank does not meet the policy thresholds' },
  BANK_QUOTA_SHORTFALL: {
    status: UNPROCESSABLE_ENTITY,
    message: 'The bank has too few approved items for a stratum of the template',
  },
  PRACTICAL_UNAVAILABLE: { status: UNPROCESSABLE_ENTITY, message: 'The bank has no approved practical tasks' },
  MAP_INVALID: { status: UNPROCESSABLE_ENTITY, message: 'The assembler found the knowledge map malformed' },
  SNAPSHOT_INVALID: { status: UNPROCESSABLE_ENTITY, message: 'The assembler found the bank snapshot malformed' },
  OPTIONS_INVALID: { status: UNPROCESSABLE_ENTITY, message: 'Assembly options or seed out of range' },
  ALLOCATION_INFEASIBLE: {
    status: UNPROCESSABLE_ENTITY,
    message: 'No allocation of the template over the knowledge map fits the bank: an area cannot get its points',
  },
  STRATUM_INFEASIBLE: { status: UNPROCESSABLE_ENTITY, message: 'A stratum has too few items of the section type' },
  EXPOSURE_INFEASIBLE: {
    status: UNPROCESSABLE_ENTITY,
    message: 'Too many items of a stratum are over the exposure cap',
  },
  OVERLAP_INFEASIBLE: { status: UNPROCESSABLE_ENTITY, message: 'A form cannot be filled within the overlap cap' },
  PRACTICAL_INFEASIBLE: { status: UNPROCESSABLE_ENTITY, message: 'A practical paper cannot be drawn from the pool' },
  PAPER_NOT_FOUND: { status: NOT_FOUND, message: 'No paper has this id' },
  PAPER_SEALED: { status: FORBIDDEN, message: 'The paper is sealed until its release' },
  JOB_NOT_FOUND: { status: NOT_FOUND, message: 'No job has this id' },

  // Exam sessions and delivery
  STARTS_AT_INVALID: { status: BAD_REQUEST, message: 'startsAt is not a valid time' },
  CANDIDATES_REQUIRED: { status: BAD_REQUEST, message: 'A per-candidate paper request needs the number of candidates' },
  ROSTER_TOO_LARGE: { status: BAD_REQUEST, message: 'The roster has more candidates than drawn per-candidate papers' },
  TICKET_NO_INVALID: { status: BAD_REQUEST, message: 'A roster ticket number is not 1–32 letters, digits, - or _' },
  TICKET_NO_DUPLICATE: { status: BAD_REQUEST, message: 'A roster ticket number is used twice' },
  NAME_INVALID: { status: BAD_REQUEST, message: 'A roster name is not 1–64 characters' },
  ID_NUMBER_INVALID: { status: BAD_REQUEST, message: 'A roster ID number fails the GB 11643 check' },
  SESSION_NOT_FOUND: { status: NOT_FOUND, message: 'No exam session has this id' },
  PROCTOR_INVALID: {
    status: BAD_REQUEST,
    message: "A user to assign is not an active proctor of the session's institution or of the centre",
  },
  SESSION_ENDED: { status: CONFLICT, message: 'The session is over' },
  CANDIDATE_CREDENTIALS_INVALID: { status: UNAUTHORIZED, message: 'Wrong ticket number or ID number' },
  SESSION_NOT_OPEN: { status: FORBIDDEN, message: 'The session has not started or is over' },
  SEB_REQUIRED: { status: FORBIDDEN, message: 'The session requires Safe Exam Browser with its config key' },
  TOO_MANY_ATTEMPTS: {
    status: TOO_MANY_REQUESTS,
    message: 'Too many failed candidate sign-ins; details.retryAfterSeconds',
  },
  SESSION_REPLACED: { status: UNAUTHORIZED, message: 'Another device signed in with this ticket' },
  PAPER_NOT_AVAILABLE: { status: CONFLICT, message: 'No paper is available for this candidate' },
  ATTEMPT_NOT_FOUND: { status: NOT_FOUND, message: 'No attempt has this id', also: [CONFLICT] },
  ATTEMPT_SUBMITTED: { status: CONFLICT, message: 'The attempt is submitted' },
  ATTEMPT_PAUSED: {
    status: CONFLICT,
    message: 'A proctor paused the attempt: answers are taken again once it resumes (the client keeps them)',
  },
  ATTEMPT_NOT_ENDED: { status: CONFLICT, message: 'Only an attempt a proctor ended can be reopened' },
  ATTEMPT_NOT_PAUSED: { status: CONFLICT, message: 'The attempt is not paused' },
  ATTEMPT_NOT_SUBMITTED: { status: CONFLICT, message: 'The attempt could not be submitted' },
  ATTEMPT_NOT_SCORED: { status: BAD_REQUEST, message: 'Only a submitted, scored attempt can be corrected' },
  SCORE_OUT_OF_RANGE: { status: BAD_REQUEST, message: 'A corrected score is 0–100 with at most two decimals' },
  CORRECTION_UNCHANGED: { status: BAD_REQUEST, message: 'The corrected score is the score in force' },
  CORRECTION_PENDING: { status: CONFLICT, message: 'The attempt already has a correction waiting for a decision' },
  CORRECTION_NOT_FOUND: { status: NOT_FOUND, message: 'No score correction has this id' },
  CORRECTION_DECIDED: { status: CONFLICT, message: 'The score correction has already been decided' },
  CORRECTION_SELF_APPROVAL: {
    status: FORBIDDEN,
    message: 'A correction is decided by someone other than its requester',
  },
  DEADLINE_PASSED: { status: CONFLICT, message: 'The attempt deadline (with grace) has passed' },
  POSITION_NOT_FOUND: { status: NOT_FOUND, message: 'The paper has no item at this position' },
  ANSWER_INVALID: { status: BAD_REQUEST, message: 'The answer does not fit the item type or its options' },

  // Practical assessment: the examiner register, panels, score sheets
  EXAMINER_NOT_FOUND: { status: NOT_FOUND, message: 'No examiner in the register has this id' },
  EXAMINER_EXISTS: {
    status: CONFLICT,
    message: 'The user or the certificate number is already in the examiner register',
  },
  EXAMINER_USER_INVALID: { status: BAD_REQUEST, message: 'The user does not exist or does not hold the examiner role' },
  PANEL_TOO_SMALL: { status: UNPROCESSABLE_ENTITY, message: 'A panel has at least 3 examiners' },
  PANEL_EVEN: { status: UNPROCESSABLE_ENTITY, message: 'A panel has an odd number of examiners' },
  PANEL_DUPLICATE: { status: UNPROCESSABLE_ENTITY, message: 'An examiner is listed twice in the panel' },
  PANEL_CHIEF_NOT_MEMBER: { status: UNPROCESSABLE_ENTITY, message: 'The chief examiner must be one of the panel' },
  EXAMINER_UNQUALIFIED: {
    status: UNPROCESSABLE_ENTITY,
    message: "An examiner is not registered, not active, or not qualified for the session's occupation and level",
  },
  EXAMINER_CONFLICT: {
    status: UNPROCESSABLE_ENTITY,
    message: "An examiner works for the session's own institution (回避)",
  },
  ROTATION_TOO_LOW: {
    status: UNPROCESSABLE_ENTITY,
    message: 'Less than a third of the panel changed from the previous session of the institution and occupation',
  },
  EXAMINER_REPEAT_SITE: {
    status: UNPROCESSABLE_ENTITY,
    message: 'An examiner would serve the same site three times running',
  },
  PANEL_LOCKED: { status: CONFLICT, message: 'Score sheets are signed: the panel can no longer change' },
  NOT_ON_PANEL: { status: FORBIDDEN, message: "Only an examiner of the session's panel may do this" },
  NOT_PANEL_CHIEF: { status: FORBIDDEN, message: "Only the panel's chief examiner may do this" },
  PRACTICAL_NOT_IN_SESSION: { status: CONFLICT, message: "The session's paper request drew no practical paper" },
  CANDIDATE_NOT_FOUND: { status: NOT_FOUND, message: 'No candidate of the session has this ticket number' },
  CRITERION_INVALID: {
    status: BAD_REQUEST,
    message: "A criterion is not a line of the task's rubric or is out of range",
  },
  SHEET_NOT_FOUND: { status: NOT_FOUND, message: 'This examiner has no score sheet for the task yet' },
  SHEET_SIGNED: { status: CONFLICT, message: 'The score sheet is signed and can no longer change' },
  SHEET_INCOMPLETE: { status: UNPROCESSABLE_ENTITY, message: 'Every criterion of the rubric must be scored to sign' },
  DECISION_NOT_NEEDED: {
    status: CONFLICT,
    message: "The task's sheets are not all signed or do not spread beyond the policy's tolerance",
  },
  DECISION_INVALID: { status: BAD_REQUEST, message: "A decided score is 0 to the task's points, in half points" },
  REVIEW_NOT_NEEDED: { status: CONFLICT, message: 'Only levels 2 and 1 have a comprehensive review' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];
