/**
 * What the editor looks up in GuruSup: nothing. Its API documents one endpoint, the ticket
 * listing, which identifies tickets by the caller's own external IDs; there are no users,
 * teams or tags to pick from.
 */
export const methods = { listSearch: {}, loadOptions: {} };
