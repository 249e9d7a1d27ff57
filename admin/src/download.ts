/** Hands a file made in the browser to the user as a download (charts, their data, the workbench's exports). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns: keep it a while.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
