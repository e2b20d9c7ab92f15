import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  THEORY_TYPES,
  type Importance,
  type KnowledgeMap,
  type KnowledgeNode,
  type MultipleCreditRule,
  type PaperTemplate,
  type PracticalKind,
  type TemplateSection,
  type TheoryType,
} from '@jianding/itembank';
import type { OccupationView } from '../banks.service';

const PRACTICAL_KINDS: PracticalKind[] = ['sets', 'tasks'];

export class OccupationResponse implements OccupationView {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: '6-31-01-03' })
  code!: string;

  @ApiProperty({ example: '电工' })
  name!: string;

  @ApiProperty({ description: 'A special-ability project (专项职业能力): its only level is S' })
  special!: boolean;

  @ApiProperty({ nullable: true, type: String })
  createdAt!: string | null;
}

export class TemplateSectionView implements TemplateSection {
  @ApiProperty({ enum: THEORY_TYPES, enumName: 'TheoryType' })
  type!: TheoryType;

  @ApiProperty()
  count!: number;

  @ApiProperty()
  pointsEach!: number;

  @ApiPropertyOptional({ example: '判断题' })
  title?: string;
}

/** A paper template (组卷方案); its points total 100. */
export class PaperTemplateView implements PaperTemplate {
  @ApiProperty()
  durationMinutes!: number;

  @ApiProperty({ type: [TemplateSectionView] })
  sections!: TemplateSectionView[];
}

export class BankOccupationView {
  @ApiProperty()
  code!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  special!: boolean;
}

export class BankResponse {
  @ApiProperty()
  id!: string;

  @ApiProperty({ type: BankOccupationView })
  occupation!: BankOccupationView;

  @ApiProperty({ example: '4' })
  level!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The bank’s own policy; null for the deployment default' })
  policyId!: string | null;

  @ApiProperty({ description: 'The policy that applies' })
  effectivePolicyId!: string;

  @ApiProperty()
  knowledgeMapVersion!: number;

  @ApiProperty()
  hasKnowledgeMap!: boolean;

  @ApiProperty({
    type: PaperTemplateView,
    nullable: true,
    description: 'The bank’s own template; null for the level’s default',
  })
  template!: PaperTemplateView | null;

  @ApiProperty({ type: PaperTemplateView })
  effectiveTemplate!: PaperTemplateView;

  @ApiProperty({ nullable: true, type: String })
  createdAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  updatedAt!: string | null;
}

/** A node of the knowledge map (鉴定要素细目表): areas carry weights, leaves (knowledge points) carry importance. */
export class KnowledgeNodeView implements KnowledgeNode {
  @ApiProperty({ example: 'A-01' })
  code!: string;

  @ApiProperty()
  name!: string;

  @ApiPropertyOptional({ description: 'Share in % within the parent (鉴定比重), on areas' })
  weight?: number;

  @ApiPropertyOptional({
    enum: ['X', 'Y', 'Z'],
    enumName: 'Importance',
    description: 'On leaves: X core, Y general, Z auxiliary',
  })
  importance?: Importance;

  @ApiPropertyOptional({ type: () => [KnowledgeNodeView] })
  children?: KnowledgeNodeView[];
}

export class KnowledgeMapView implements KnowledgeMap {
  @ApiProperty({ type: [KnowledgeNodeView] })
  areas!: KnowledgeNodeView[];
}

export class KnowledgeMapResponse {
  @ApiProperty({ example: '6-31-01-03' })
  occupation!: string;

  @ApiProperty({ example: '4' })
  level!: string;

  @ApiProperty({ description: 'Goes up by one with every replacement' })
  version!: number;

  @ApiProperty({ nullable: true, type: String })
  updatedAt!: string | null;

  @ApiProperty({ type: KnowledgeMapView })
  knowledgeMap!: KnowledgeMapView;
}

export class PracticalRuleView {
  @ApiProperty({
    enum: PRACTICAL_KINDS,
    enumName: 'PracticalKind',
    description: 'sets: 实际操作卷 (套); tasks: 技能试题',
  })
  kind!: PracticalKind;

  @ApiProperty()
  min!: number;
}

export class PolicyResponse {
  @ApiProperty({ example: 'chengdu-2024' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Where the numbers come from (document and clause)' })
  source!: string;

  @ApiProperty({ description: 'Minimum approved theory items per bank' })
  theoryMinItems!: number;

  @ApiProperty({ type: PracticalRuleView, nullable: true, description: 'null: no practical rule' })
  practical!: PracticalRuleView | null;

  @ApiProperty({ description: 'Retention of electronic answer records, in years' })
  retentionYears!: number;

  @ApiPropertyOptional()
  retentionNote?: string;

  @ApiProperty({ description: 'Pass mark out of 100' })
  passMark!: number;

  @ApiProperty({ enum: ['all-or-nothing', 'partial'], enumName: 'MultipleCreditRule' })
  multipleCredit!: MultipleCreditRule;

  @ApiProperty()
  showResultToCandidate!: boolean;

  @ApiProperty({ description: 'One of the built-in presets' })
  preset!: boolean;

  @ApiPropertyOptional({ nullable: true, type: String })
  createdAt?: string | null;
}

export class PolicyListResponse {
  @ApiProperty({ type: [PolicyResponse] })
  items!: PolicyResponse[];

  @ApiProperty()
  total!: number;

  @ApiProperty({ description: 'The deployment default' })
  defaultPolicyId!: string;
}

// --- compliance -------------------------------------------------------------------------------------------------

export class TheoryByTypeView {
  @ApiProperty() judge!: number;
  @ApiProperty() single!: number;
  @ApiProperty() multiple!: number;
}

export class TheoryComplianceView {
  @ApiProperty() approved!: number;
  @ApiProperty() required!: number;
  @ApiProperty() met!: boolean;
  @ApiProperty({ type: TheoryByTypeView }) byType!: TheoryByTypeView;
}

export class PracticalComplianceView {
  @ApiProperty({
    enum: PRACTICAL_KINDS,
    enumName: 'PracticalKind',
    nullable: true,
    description: 'null: the policy has no practical rule',
  })
  kind!: PracticalKind | null;

  @ApiProperty() approved!: number;
  @ApiProperty() required!: number;
  @ApiProperty() met!: boolean;
}

export class ShortfallView {
  @ApiPropertyOptional() stratum?: string;
  @ApiPropertyOptional() point?: string;
  @ApiPropertyOptional({ enum: THEORY_TYPES, enumName: 'TheoryType' }) type?: TheoryType;
  @ApiProperty() needed!: number;
  @ApiProperty() available!: number;
  @ApiProperty() message!: string;
}

export class OccupationRefView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class ComplianceBankView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: OccupationRefView }) occupation!: OccupationRefView;
  @ApiProperty() level!: string;
  @ApiProperty() knowledgeMapVersion!: number;
}

export class StratumNeedView {
  @ApiProperty() stratum!: string;
  @ApiProperty() type!: string;
  @ApiProperty() needed!: number;
  @ApiProperty() available!: number;
}

export class PointNeedView {
  @ApiProperty() point!: string;
  @ApiProperty() approved!: number;
  @ApiPropertyOptional() needed?: number;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) importance!: string | null;
  @ApiProperty() stratum!: string;
}

export class UsageItemView {
  @ApiProperty() itemId!: string;
  @ApiProperty({ nullable: true, type: String }) ref!: string | null;
  @ApiProperty() type!: string;
  @ApiProperty() uses!: number;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt!: string | null;
}

export class UsageListView {
  @ApiProperty({ description: 'All of them; items lists at most 100' }) count!: number;
  @ApiProperty({ type: [UsageItemView] }) items!: UsageItemView[];
}

export class UsageView {
  @ApiProperty() maxUses!: number;
  @ApiProperty({ type: UsageListView }) unused!: UsageListView;
  @ApiProperty({ type: UsageListView }) overUsed!: UsageListView;
}

export class FlaggedItemView {
  @ApiProperty() itemId!: string;
  @ApiProperty({ nullable: true, type: String }) ref!: string | null;
  @ApiProperty() type!: string;
  @ApiProperty() n!: number;
  @ApiProperty() pValue!: number;
  @ApiProperty({ nullable: true, type: Number }) pointBiserial!: number | null;
  @ApiProperty({ enum: ['too_hard', 'too_easy', 'low_discrimination'], enumName: 'ItemQualityFlag', isArray: true })
  flags!: string[];
}

export class FlaggedListView {
  @ApiProperty() count!: number;
  @ApiProperty({ type: [FlaggedItemView] }) items!: FlaggedItemView[];
}

export class StatisticsSummaryView {
  @ApiProperty({ description: 'Items in use with stored exam statistics' }) items!: number;
  @ApiProperty({ type: FlaggedListView }) flagged!: FlaggedListView;
}

/** One bank against its policy's thresholds, its template's strata and its knowledge points. */
export class BankComplianceResponse {
  @ApiProperty() policy!: string;
  @ApiProperty({ description: 'Papers can be drawn: the thresholds are met and every quota can be filled' })
  met!: boolean;
  @ApiProperty({ description: 'The policy’s bank-size thresholds alone' }) thresholdMet!: boolean;
  @ApiProperty({ type: TheoryComplianceView }) theory!: TheoryComplianceView;
  @ApiProperty({ type: PracticalComplianceView }) practical!: PracticalComplianceView;
  @ApiProperty({ type: [ShortfallView] }) shortfalls!: ShortfallView[];
  @ApiProperty({ type: [String], description: 'Knowledge points without an approved theory item' })
  pointsWithoutItems!: string[];
  @ApiProperty({ type: ComplianceBankView }) bank!: ComplianceBankView;
  @ApiProperty() policyName!: string;
  @ApiProperty({ type: [StratumNeedView] }) strata!: StratumNeedView[];
  @ApiProperty({ type: [PointNeedView] }) points!: PointNeedView[];
  @ApiProperty({ type: UsageView }) usage!: UsageView;
  @ApiProperty({ type: StatisticsSummaryView }) statistics!: StatisticsSummaryView;
}

export class UsageCountsView {
  @ApiProperty() unused!: number;
  @ApiProperty() overUsed!: number;
  @ApiProperty() maxUses!: number;
}

export class BankComplianceLineView {
  @ApiProperty() bankId!: string;
  @ApiProperty({ type: OccupationRefView }) occupation!: OccupationRefView;
  @ApiProperty() level!: string;
  @ApiProperty() policy!: string;
  @ApiProperty() met!: boolean;
  @ApiProperty({ type: TheoryComplianceView }) theory!: TheoryComplianceView;
  @ApiProperty({ type: PracticalComplianceView }) practical!: PracticalComplianceView;
  @ApiProperty({ type: UsageCountsView }) usage!: UsageCountsView;
}

export class AllBanksComplianceResponse {
  @ApiProperty({ nullable: true, type: String, description: 'The policy asked for; null: each bank under its own' })
  policy!: string | null;
  @ApiProperty() total!: number;
  @ApiProperty() met!: number;
  @ApiProperty() notMet!: number;
  @ApiProperty({ type: [BankComplianceLineView] }) banks!: BankComplianceLineView[];
}
