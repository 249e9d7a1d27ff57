/** How large a suggestion's attachment may be: one scanned letter of a few pages, with room to spare. */
export type AttachmentLimits = { maxBytes: number };

export const defaultAttachmentLimits: AttachmentLimits = { maxBytes: 10 * 1_048_576 };
