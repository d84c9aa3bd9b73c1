// The model kinds this worker hosts, by the name a load request gives (ModelKind in shared/protocol.ts). A new
// kind adds its entry here; see model-kind.ts for what it provides.
import { ClipSession } from './clip-kind';
import { GeneratorSession } from './generator-kind';
import type { KindRegistry } from './model-host';
import { hosted } from './model-kind';

export const MODEL_KINDS: KindRegistry = {
  clip: (context) => hosted('clip', new ClipSession(context)),
  generator: (context) => hosted('generator', new GeneratorSession(context)),
};
