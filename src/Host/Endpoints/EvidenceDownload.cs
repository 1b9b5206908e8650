using Microsoft.Net.Http.Headers;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>The headers of an evidence download: a file to save, whatever it holds, that a browser neither sniffs nor renders as a page.</summary>
internal static class EvidenceDownload
{
    /// <summary>
    /// <c>Content-Disposition: attachment</c> with an ASCII <c>filename</c> and the UTF-8 <c>filename*</c> (RFC 5987/6266),
    /// <c>nosniff</c>, a sandboxing policy in case the file is opened in the browser anyway, and no caching outside the
    /// user's browser.
    /// </summary>
    public static void SetHeaders(HttpResponse response, string fileName)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        response.Headers.CacheControl = "private, no-store";
    }
}
