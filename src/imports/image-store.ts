// Where imported pictures go. The importer only needs "keep these bytes as an image and tell me
// its address", so it takes that as a function: the app passes the media store's (which checks
// the content and makes the sizes an upload gets), tests may pass their own.
export type SavedImage = { url: string; width?: number | undefined; height?: number | undefined }

/** Stores an image's bytes for a writer; throws when the bytes are not an image we accept. */
export type ImageStore = (bytes: Uint8Array, info: { userId: number; fileName: string; contentType?: string | undefined }) => Promise<SavedImage>
