import { config } from "zod";

// The server's CSP forbids eval: tell zod (used by shared/ validators) not to probe for it, which
// would otherwise log a CSP violation on every page load.
config({ jitless: true });
