using System.Collections.Frozen;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// The kinds of evidence file accepted (an allow-list): PDF and OFD (版式文档), Word, Excel and PowerPoint (old and new
/// formats), WPS Office, OpenDocument, RTF, PNG, JPEG, GIF and WebP images, plain text, CSV and ZIP. A file's kind comes
/// from its name's extension (or, for a name without one, from the declared content type, and the extension is added);
/// the stored content type is the kind's own, never the one the uploader declared, and binary kinds must start as their
/// format does. Anything else — HTML, SVG, scripts, executables — is refused, so a download can only ever be one of these.
/// </summary>
public static class EvidenceFileKinds
{
    /// <summary>The content type handed out for a stored entry whose type is not on the list (files stored before it).</summary>
    public const string Fallback = "application/octet-stream";

    private static readonly byte[][] Ole2 = [[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]];
    private static readonly byte[][] Zip = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x07, 0x08]];
    private static readonly byte[][] Rtf = [[0x7B, 0x5C, 0x72, 0x74, 0x66]];
    private static readonly byte[][] Any = [];

    private static readonly Kind[] Kinds =
    [
        new(".pdf", "application/pdf", [[0x25, 0x50, 0x44, 0x46, 0x2D]]),
        new(".ofd", "application/ofd", Zip),
        new(".doc", "application/msword", [.. Ole2, .. Rtf]),
        new(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        new(".xls", "application/vnd.ms-excel", Ole2),
        new(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        new(".ppt", "application/vnd.ms-powerpoint", Ole2),
        new(".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", Zip),
        new(".wps", "application/wps-office.wps", [.. Ole2, .. Zip]),
        new(".et", "application/wps-office.et", [.. Ole2, .. Zip]),
        new(".dps", "application/wps-office.dps", [.. Ole2, .. Zip]),
        new(".odt", "application/vnd.oasis.opendocument.text", Zip),
        new(".ods", "application/vnd.oasis.opendocument.spreadsheet", Zip),
        new(".odp", "application/vnd.oasis.opendocument.presentation", Zip),
        new(".rtf", "application/rtf", Rtf),
        new(".png", "image/png", [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]]),
        new(".jpg", "image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        new(".jpeg", "image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        new(".gif", "image/gif", [[0x47, 0x49, 0x46, 0x38]]),
        new(".webp", "image/webp", [[0x52, 0x49, 0x46, 0x46]]),
        new(".txt", "text/plain", Any),
        new(".csv", "text/csv", Any),
        new(".zip", "application/zip", Zip),
    ];

    private static readonly FrozenDictionary<string, Kind> ByExtension = Kinds.ToFrozenDictionary(k => k.Extension, StringComparer.OrdinalIgnoreCase);

    /// <summary>Content types as browsers and systems declare them, to the kind of a name without an extension.</summary>
    private static readonly FrozenDictionary<string, Kind> ByDeclaredType = new Dictionary<string, Kind>(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpg"] = ByExtension[".jpg"],
        ["image/pjpeg"] = ByExtension[".jpg"],
        ["application/x-zip-compressed"] = ByExtension[".zip"],
        ["text/rtf"] = ByExtension[".rtf"],
        ["application/x-pdf"] = ByExtension[".pdf"],
    }.Concat(Kinds.DistinctBy(k => k.ContentType).Select(k => KeyValuePair.Create(k.ContentType, k))).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The content types on the list.</summary>
    public static IReadOnlySet<string> ContentTypes { get; } = Kinds.Select(k => k.ContentType).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The extensions on the list, for a file picker's <c>accept</c> (<c>.pdf,.ofd,…</c>).</summary>
    public static string Accept { get; } = string.Join(',', Kinds.Select(k => k.Extension));

    /// <summary>The list in words, for messages: "PDF, OFD, Word, …".</summary>
    public const string Described = "PDF, OFD, Word, Excel, PowerPoint, WPS, OpenDocument, RTF, images (PNG, JPEG, GIF, WebP), text, CSV and ZIP";

    /// <summary>
    /// The kind of a file by its (cleaned) name, or by its declared type when the name has no listed extension.
    /// </summary>
    /// <param name="fileName">The name, cleaned by <see cref="EvidenceFileName.Clean"/>.</param>
    /// <param name="declaredType">The type the uploader declared (may be empty, <c>application/octet-stream</c>, or carry parameters).</param>
    /// <param name="storedName">The name to keep: <paramref name="fileName"/>, with the kind's extension added when it had none.</param>
    /// <param name="contentType">The kind's content type.</param>
    /// <returns>False when the file is of no listed kind.</returns>
    public static bool TryResolve(string fileName, string? declaredType, out string storedName, out string contentType)
    {
        if (ByExtension.TryGetValue(Path.GetExtension(fileName), out var kind))
        {
            (storedName, contentType) = (fileName, kind.ContentType);
            return true;
        }

        var mediaType = (declaredType ?? "").Split(';', 2)[0].Trim();
        if (mediaType.Length > 0 && ByDeclaredType.TryGetValue(mediaType, out kind))
        {
            var stem = fileName.Length + kind.Extension.Length > EvidenceFileName.MaxLength ? fileName[..(EvidenceFileName.MaxLength - kind.Extension.Length)] : fileName;
            (storedName, contentType) = (stem + kind.Extension, kind.ContentType);
            return true;
        }

        (storedName, contentType) = ("", "");
        return false;
    }

    /// <summary>
    /// Whether content starts as files of the kind do (PDF's <c>%PDF-</c>, the ZIP container of OOXML, OFD and
    /// OpenDocument, the OLE2 container of the old Office and WPS formats, the image signatures); text and CSV must
    /// hold no NUL byte in their first 8 KiB.
    /// </summary>
    public static bool Matches(string contentType, ReadOnlySpan<byte> content)
    {
        var kind = Kinds.FirstOrDefault(k => k.ContentType == contentType);
        if (kind is null)
        {
            return false;
        }

        if (kind.Signatures.Length == 0)
        {
            return !content[..Math.Min(content.Length, 8192)].Contains((byte)0);
        }

        foreach (var signature in kind.Signatures)
        {
            if (content.StartsWith(signature))
            {
                return kind.ContentType != "image/webp" || (content.Length >= 12 && content[8..12].SequenceEqual("WEBP"u8));
            }
        }

        return false;
    }

    /// <summary>The type to serve a stored entry with: its own when on the list, else <see cref="Fallback"/>.</summary>
    public static string ForDownload(string? storedType) =>
        storedType is not null && ContentTypes.Contains(storedType) ? storedType : Fallback;

    /// <summary>One kind: its extension, content type and how its content starts (none: text).</summary>
    private sealed record Kind(string Extension, string ContentType, byte[][] Signatures);
}
