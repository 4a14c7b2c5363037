/**
 * Saves bytes produced in this tab as a file. They go through a `blob:` URL, which belongs to the page's own
 * origin: nothing is uploaded, and the Content-Security-Policy needs no exception.
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; give slow browsers a moment before freeing the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves text produced in this tab as a file (CSV unless told otherwise), as `downloadBlob` does. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}
