import type { AttributionModel } from './model.js';
import weights from './weights.json' with { type: 'json' };

let cached: AttributionModel | null = null;

/** The shipped speaker model (trained by `npm run train:attribution`), parsed once per process. */
export function shippedModel(): AttributionModel {
  if (!cached) cached = parseModel(weights, 'the shipped attribution weights');
  return cached;
}

/** Checks the shape of a weights document; `source` names it in the error. */
export function parseModel(raw: unknown, source: string): AttributionModel {
  const m = raw as Partial<AttributionModel> | null;
  const ok =
    !!m &&
    m.version === 1 &&
    typeof m.weights === 'object' &&
    m.weights !== null &&
    Object.values(m.weights).every((w) => typeof w === 'number' && Number.isFinite(w)) &&
    typeof m.calibration?.a === 'number' &&
    typeof m.calibration?.b === 'number' &&
    typeof m.threshold === 'number' &&
    m.threshold >= 0 &&
    m.threshold <= 1;
  if (!ok)
    throw new Error(`${source} is not an attribution model (version 1, weights, calibration, threshold)`);
  return m as AttributionModel;
}
