import type { AssemblyOptions, KnowledgeMap, PaperTemplate, PracticalTemplate } from '@jianding/assembly';
import { storedTemplate } from './draw-inputs';
import type { PaperRequestEntity } from './paper.entities';

export const DEFAULT_MAX_OVERLAP = 0.3;
/** 1 = nothing is skipped, but less-used items are still preferred (usage bands). */
export const DEFAULT_EXPOSURE_CAP = 1;

/**
 * What approval fixes besides the seed, stored as the request's `template_json`: the theory template in the
 * assembler's shape, how the practical paper is drawn, and the draw options. With the snapshot, map, seed and
 * `papers_drawn_before` it is everything a re-derivation needs.
 */
export interface StoredPlan extends PaperTemplate {
  practical: { kind: 'sets' | 'tasks'; template: PracticalTemplate | null } | null;
  maxOverlap: number;
  exposureCap: number;
}

export interface DrawPlan {
  seed: string;
  map: KnowledgeMap;
  template: PaperTemplate;
  practical: StoredPlan['practical'];
  options: AssemblyOptions;
}

export function planOf(req: PaperRequestEntity): DrawPlan {
  if (!req.seed || !req.mapJson || !req.templateJson) throw new Error(`Paper request ${req.id} has not been approved`);
  const stored = JSON.parse(req.templateJson) as StoredPlan;
  return {
    seed: req.seed,
    map: JSON.parse(req.mapJson) as KnowledgeMap,
    template: storedTemplate(stored),
    practical: stored.practical,
    options: {
      forms: req.perCandidate ? 1 : req.forms,
      maxOverlap: stored.maxOverlap,
      exposureCap: stored.exposureCap,
      papersDrawn: req.papersDrawnBefore,
    },
  };
}
