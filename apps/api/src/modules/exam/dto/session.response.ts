import { ApiProperty } from '@nestjs/swagger';
import { AnswerProperty, type AnswerValue } from './attempt.response';

export class ExamSessionSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() institutionId!: string;
  @ApiProperty() paperRequestId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, description: '考场' }) room!: string | null;
  @ApiProperty({ nullable: true, type: String }) startsAt!: string | null;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ nullable: true, type: String }) endsAt!: string | null;
  @ApiProperty({ description: 'Candidates see their score after submitting' }) showResult!: boolean;
  @ApiProperty({ description: 'Candidates must use Safe Exam Browser' }) seb!: boolean;
  @ApiProperty({ nullable: true, type: String }) createdAt!: string | null;
  @ApiProperty() candidateCount!: number;
}

export class RosterCandidateView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: '准考证号' }) ticketNo!: string;
  @ApiProperty({ description: '姓名' }) name!: string;
  @ApiProperty({ example: '**************123X', description: 'Masked: only the last four are stored in clear' })
  idNumber!: string;
  @ApiProperty() seat!: number;
}

export class ExamSessionResponse extends ExamSessionSummaryView {
  @ApiProperty({ type: [RosterCandidateView] }) candidates!: RosterCandidateView[];
}

export class RosterImportView {
  @ApiProperty() imported!: number;
  @ApiProperty({ description: 'Candidates on the roster now' }) total!: number;
}

export class MonitorEventView {
  @ApiProperty({ example: 'blur' }) type!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Client time' }) at!: string | null;
  @ApiProperty({ nullable: true, type: String }) serverTime!: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) detail!: unknown;
}

export class MonitorCandidateView {
  @ApiProperty() candidateId!: string;
  @ApiProperty() ticketNo!: string;
  @ApiProperty() name!: string;
  @ApiProperty() idNumber!: string;
  @ApiProperty() signedIn!: boolean;
  @ApiProperty({
    enum: ['not_started', 'answering', 'idle', 'paused', 'submitted'],
    enumName: 'MonitorState',
    description: 'idle: in progress, but no save or move for three minutes',
  })
  state!: string;
  @ApiProperty({ nullable: true, type: String }) attemptId!: string | null;
  @ApiProperty({ enum: ['not_started', 'in_progress', 'submitted'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'candidate, deadline or proctor' })
  submittedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSeenAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSaveAt!: string | null;
  @ApiProperty() answeredCount!: number;
  @ApiProperty({ nullable: true, type: Number }) currentPosition!: number | null;
  @ApiProperty() extraSeconds!: number;
  @ApiProperty({ description: 'A proctor paused the attempt; its clock stands still' }) paused!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'When the running pause began' }) pausedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null while paused: the resume moves it' })
  deadline!: string | null;
  @ApiProperty() eventsCount!: number;
  @ApiProperty({ type: [MonitorEventView], description: 'The five newest integrity events' })
  latestEvents!: MonitorEventView[];
}

export class MonitorSummaryView {
  @ApiProperty() candidates!: number;
  @ApiProperty() not_started!: number;
  @ApiProperty() answering!: number;
  @ApiProperty() idle!: number;
  @ApiProperty() paused!: number;
  @ApiProperty() submitted!: number;
}

export class MonitorResponse {
  @ApiProperty() sessionId!: string;
  @ApiProperty({ nullable: true, type: String }) serverTime!: string | null;
  @ApiProperty({ nullable: true, type: String }) startsAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endsAt!: string | null;
  @ApiProperty({ type: MonitorSummaryView, description: 'The whole roster by state, whatever the filter' })
  summary!: MonitorSummaryView;
  @ApiProperty({ description: 'Candidates that match the filter (all pages)' }) total!: number;
  @ApiProperty({
    type: [MonitorCandidateView],
    description: 'In seat order; one page when page and pageSize are given',
  })
  candidates!: MonitorCandidateView[];
}

export class ResultRowView {
  @ApiProperty() candidateId!: string;
  @ApiProperty() ticketNo!: string;
  @ApiProperty() name!: string;
  @ApiProperty() idNumber!: string;
  @ApiProperty({ nullable: true, type: String }) attemptId!: string | null;
  @ApiProperty({ enum: ['absent', 'in_progress', 'submitted'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'candidate, deadline or proctor' }) submittedBy!:
    string | null;
  @ApiProperty({ nullable: true, type: Number }) score!: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) passed!: boolean | null;
  @ApiProperty({ nullable: true, type: String, description: 'auto or correction' }) scoreKind!: string | null;
  @ApiProperty({ nullable: true, type: String }) scoreRecordId!: string | null;
}

export class ResultSummaryView {
  @ApiProperty() candidates!: number;
  @ApiProperty() submitted!: number;
  @ApiProperty() passed!: number;
  @ApiProperty({ nullable: true, type: Number }) meanScore!: number | null;
}

export class SessionResultsResponse {
  @ApiProperty() sessionId!: string;
  @ApiProperty({ type: ResultSummaryView }) summary!: ResultSummaryView;
  @ApiProperty({ type: [ResultRowView] }) items!: ResultRowView[];
}

export class ItemStatisticView {
  @ApiProperty() itemId!: string;
  @ApiProperty({ description: 'Attempts that had the item' }) n!: number;
  @ApiProperty({ description: 'Mean proportion of the points earned' }) pValue!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Corrected point-biserial' }) pointBiserial!: number | null;
}

export class SessionItemStatisticsResponse {
  @ApiProperty() sessionId!: string;
  @ApiProperty({ description: 'Submitted, scored attempts counted' }) attempts!: number;
  @ApiProperty({ type: [ItemStatisticView] }) items!: ItemStatisticView[];
}

export class AnswerLogEntryView {
  @ApiProperty() seq!: number;
  @ApiProperty() position!: number;
  @AnswerProperty() answer!: AnswerValue;
  @ApiProperty({ nullable: true, type: String }) clientTime!: string | null;
  @ApiProperty({ nullable: true, type: String }) serverTime!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the retention purge removes the row' }) purgeAfter!:
    string | null;
}

export class AnswerLogResponse {
  @ApiProperty() attemptId!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty({ type: [AnswerLogEntryView] }) items!: AnswerLogEntryView[];
}

export class ScoreRecordView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'auto or correction' }) kind!: string;
  @ApiProperty() score!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty() createdAt!: string;
}

export class ScoreHistoryResponse {
  @ApiProperty() attemptId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The record in force' }) currentRecordId!: string | null;
  @ApiProperty({ type: [ScoreRecordView] }) records!: ScoreRecordView[];
}

export class ExtendResponse {
  @ApiProperty() attemptId!: string;
  @ApiProperty({ description: 'All extensions of the attempt together' }) extraSeconds!: number;
  @ApiProperty({ nullable: true, type: String }) deadline!: string | null;
}

export class PauseResponse {
  @ApiProperty() attemptId!: string;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'When the running pause began' }) pausedAt!: string | null;
  @ApiProperty({ description: 'Whole seconds of the pauses that have ended (the deadline moved by them)' })
  pausedSeconds!: number;
  @ApiProperty({ nullable: true, type: String, description: 'The deadline now; null while paused' })
  deadline!: string | null;
}

export class SessionRecordEventView {
  @ApiProperty({ description: 'Server time' }) at!: string;
  @ApiProperty() ticketNo!: string;
  @ApiProperty() name!: string;
  @ApiProperty() attemptId!: string;
  @ApiProperty({ example: 'irregularity', description: "A candidate's integrity event or a proctor's action" })
  type!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Client time, for the candidate’s own events' })
  clientTime!: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) detail!: unknown;
}

export class SessionRecordResponse {
  @ApiProperty() sessionId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) room!: string | null;
  @ApiProperty({ nullable: true, type: String }) startsAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endsAt!: string | null;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: MonitorSummaryView }) summary!: MonitorSummaryView;
  @ApiProperty({ type: [MonitorCandidateView], description: 'The roster with arrivals and submissions' })
  candidates!: MonitorCandidateView[];
  @ApiProperty({ type: [SessionRecordEventView], description: 'Every event and proctor action, in time order' })
  events!: SessionRecordEventView[];
}

export class EndAttemptResponse {
  @ApiProperty() attemptId!: string;
  @ApiProperty({ enum: [true] }) submitted!: true;
  @ApiProperty() score!: number;
  @ApiProperty() passed!: boolean;
}

export class IrregularityView {
  @ApiProperty() id!: string;
  @ApiProperty() attemptId!: string;
  @ApiProperty({ enum: ['candidate', 'environment', 'staff', 'technical'], enumName: 'IrregularityCategory' })
  category!: string;
  @ApiProperty() description!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
}

export class ScoreCorrectionView {
  @ApiProperty() id!: string;
  @ApiProperty() attemptId!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty({ enum: ['requested', 'approved', 'rejected'] }) status!: string;
  @ApiProperty({ description: 'The score in force when requested' }) previousScore!: number;
  @ApiProperty({ description: 'The score asked for' }) score!: number;
  @ApiProperty() reason!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected (or a note on approval)' })
  decisionReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The score record an approval wrote' }) recordId!:
    string | null;
}

export class ScoreCorrectionListResponse {
  @ApiProperty({ type: [ScoreCorrectionView] }) items!: ScoreCorrectionView[];
  @ApiProperty() total!: number;
}

export class ProctorRefView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "null: the centre's proctor" })
  institutionId!: string | null;
}

export class SessionProctorsView {
  @ApiProperty({ type: [ProctorRefView] }) assigned!: ProctorRefView[];
  @ApiProperty({ type: [ProctorRefView], description: 'Whom the caller may assign; empty for a proctor' })
  eligible!: ProctorRefView[];
}

export class ReopenResponse {
  @ApiProperty({ format: 'uuid' }) attemptId!: string;
  @ApiProperty({ enum: [true] }) reopened!: true;
  @ApiProperty({ format: 'date-time', description: 'The new deadline: the time left at the end is given back' })
  deadline!: string;
}
