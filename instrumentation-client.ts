import { z } from "zod";

// Pages run under a CSP without 'unsafe-eval' (lib/security/security-headers.server.ts). Zod would
// probe for eval as its object schemas are created (a reported violation, even though it copes);
// this file runs before any page module, so no schema is created before this.
z.config({ jitless: true });
