/**
 * Sends a file's bytes to the app's upload endpoints (application/octet-stream, the fields in the
 * query) with upload progress, which fetch cannot report. Browser only (XMLHttpRequest); failures
 * throw ApiError like fetchJson.
 */
import { ApiError, errorBody } from "./fetch-json";

export interface UploadOptions {
  /** Sent as `Authorization: Bearer <token>` (a customer's chat token; staff ride on their cookie). */
  token?: string;
  /** 0–1, as the bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  /** POST (a new message) unless the endpoint puts a file in place (PUT). */
  method?: "POST" | "PUT";
}

export function uploadFile<T>(url: string, file: Blob, { token, onProgress, method = "POST" }: UploadOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    request.responseType = "json";
    request.withCredentials = true;
    request.setRequestHeader("content-type", "application/octet-stream");
    if (token) request.setRequestHeader("authorization", `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      const payload: unknown = request.response;
      if (request.status >= 200 && request.status < 300) resolve(payload as T);
      else reject(new ApiError(request.status, errorBody(payload, request.status)));
    };
    request.onerror = () => reject(new ApiError(0, { code: "unavailable", message: "Could not reach the server. Check your connection and try again." }));
    request.send(file);
  });
}
