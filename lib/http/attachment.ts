/** Headers of a file download: saved under `filename` (an ASCII name the server chose), never cached or sniffed. */
export function attachment(filename: string, contentType: string): Record<string, string> {
  return {
    "content-type": contentType,
    "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}
