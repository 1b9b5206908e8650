using System.ComponentModel.DataAnnotations;

namespace AiPlusTasks.Engine;

/// <summary>
/// Size limits on what people and agency systems send (section <c>Limits</c>), in one place. Each is enforced by the
/// service that takes the input, so the API and the pages refuse the same things: the API with a 400 ProblemDetails
/// naming the field, a page with a message under the field. The Host's request body limit follows from them
/// (<see cref="MaxRequestBodyBytes"/>).
/// </summary>
public sealed class InputLimits
{
    public const string SectionName = "Limits";

    /// <summary>
    /// Longest free text: a comment, each text of a progress report (done, next, problems, support needed), a return
    /// reason, a plan amendment's reason, and every string in a task's completion data. Default 4,000 characters.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Longest short value: an amendment's document number, a user or agency named in a reassignment. Default 200 characters.</summary>
    [Range(1, 10_000)]
    public int MaxNameLength { get; set; } = 200;

    /// <summary>Longest webhook URL. Default 2,048 characters.</summary>
    [Range(1, 100_000)]
    public int MaxUrlLength { get; set; } = 2048;

    /// <summary>
    /// Largest structured data, as JSON: a task's completion data (a report with its indicator actuals), an event's
    /// payload, a workflow's start input, a plan amendment's static layer. Default 256 KiB.
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxDataBytes { get; set; } = 256 * 1024;

    /// <summary>Largest workflow definition imported, as JSON text. Default 2 MiB.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxDefinitionBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest evidence file. Default 20 MiB.</summary>
    [Range(1, 1024L * 1024 * 1024)]
    public long MaxEvidenceFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Most evidence files in one upload and in one report. Default 20.</summary>
    [Range(1, 1000)]
    public int MaxEvidenceFiles { get; set; } = 20;

    /// <summary>Largest total of the evidence files of one upload and of one report. Default 50 MiB.</summary>
    [Range(1, 4L * 1024 * 1024 * 1024)]
    public long MaxEvidenceBytesPerReport { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// The largest request body the Host accepts: one report's evidence in base64 (4 bytes per 3) with 1 MiB for the rest,
    /// and never less than a definition or 1 MiB of data. Larger bodies are refused before they are read.
    /// </summary>
    public long MaxRequestBodyBytes =>
        Math.Max(MaxEvidenceBytesPerReport * 4 / 3, Math.Max(MaxDefinitionBytes, MaxDataBytes)) + 1024 * 1024;
}
