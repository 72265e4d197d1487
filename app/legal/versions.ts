// The user agreement and privacy policy in force. Signing up records this version and the time
// of acceptance on the user, so a later revision can ask existing users to accept again.
export const TERMS_VERSION = "2026-12-06";
