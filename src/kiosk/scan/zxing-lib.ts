// @zxing/library ships CommonJS to Node (whose ESM loader then sees no named exports) and ES
// modules to bundlers. This reads its exports the same way in both: the kiosk's browser bundle,
// the decoder worker, the bench and the e2e helpers (tsx).
import * as namespace from "@zxing/library";

type ZXingLibrary = typeof namespace;
export const zxing: ZXingLibrary = (namespace as ZXingLibrary & { default?: ZXingLibrary }).default ?? namespace;
