using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence.Records;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// A progress report as a report step's completion data — <c>done</c>, <c>next</c>, <c>problems</c>, <c>supportNeeded</c>,
/// <c>progressPercent</c>, <c>selfColour</c>, <c>confidence</c>, <c>indicatorActuals</c>, <c>evidence</c> (a list of
/// <c>{fileName, contentType, size, sha256}</c>) — and back: one shape for the form, the prefill and the stored row.
/// </summary>
internal static class ProgressReportData
{
    public const string EvidenceField = "evidence";

    /// <summary>
    /// The standard progress report form (JSON Schema): what a co-unit's sub-task asks when the lead unit's step has no form of its own.
    /// </summary>
    public const string Schema = """
        {"type":"object","required":["done","progressPercent","selfColour","confidence"],"properties":{"done":{"type":"string","minLength":1,"title":"本期已完成工作"},"next":{"type":"string","title":"下一步工作计划"},"problems":{"type":"string","title":"存在的问题"},"supportNeeded":{"type":"string","title":"需要协调支持的事项"},"progressPercent":{"type":"integer","minimum":0,"maximum":100,"title":"总体进度（%）"},"selfColour":{"type":"string","enum":["Green","Blue","Yellow","Red"],"title":"自评状态"},"confidence":{"type":"integer","minimum":0,"maximum":10,"title":"按期完成把握（0–10 分）"},"evidence":{"type":"array","title":"佐证材料","items":{"type":"object","required":["sha256"],"properties":{"fileName":{"type":"string"},"contentType":{"type":"string"},"size":{"type":"integer"},"sha256":{"type":"string"}}}}}}
        """;

    /// <summary>Whether completion data is a progress report (it gives <c>progressPercent</c>), not another form's data.</summary>
    public static bool IsReport(JsonNode? data) => data?["progressPercent"] is JsonValue;

    /// <summary>The completion data of a report submitted through the API, with its stored evidence.</summary>
    public static JsonObject From(ProgressReportInput report, IEnumerable<EvidenceView> evidence)
    {
        var data = new JsonObject();
        Set(data, "done", report.Done);
        Set(data, "next", report.Next);
        Set(data, "problems", report.Problems);
        Set(data, "supportNeeded", report.SupportNeeded);
        data["progressPercent"] = report.ProgressPercent;
        data["selfColour"] = report.SelfColour.ToString();
        data["confidence"] = report.Confidence;
        if (report.IndicatorActuals is not null)
        {
            data["indicatorActuals"] = report.IndicatorActuals.DeepClone();
        }

        data[EvidenceField] = Evidence(evidence);
        return data;
    }

    /// <summary>A stored report as form values, so the next report starts from it (its evidence included).</summary>
    public static JsonObject From(ProgressReportRecord r) => From(
        new ProgressReportInput(
            r.Done, r.Next, r.Problems, r.SupportNeeded, r.ProgressPercent,
            r.IndicatorActuals is null ? null : JsonNode.Parse(r.IndicatorActuals) as JsonArray, r.SelfColour, r.Confidence, []),
        ReadEvidence(r.Evidence));

    /// <summary>The row a submitted report step records. Values the schema let through in another shape fall back to defaults.</summary>
    public static ProgressReportRecord ToRecord(JsonNode? data, string taskId, int sequence, string by, DateTimeOffset at) => new()
    {
        TaskId = taskId,
        Sequence = sequence,
        ReportedBy = by,
        ReportedAt = at,
        Done = Text(data?["done"]),
        Next = Text(data?["next"]),
        Problems = Text(data?["problems"]),
        SupportNeeded = Text(data?["supportNeeded"]),
        ProgressPercent = Math.Clamp(Number(data?["progressPercent"]), 0, 100),
        IndicatorActuals = data?["indicatorActuals"] is JsonArray actuals ? actuals.ToJsonString() : null,
        SelfColour = Enum.TryParse<TaskColour>(Text(data?["selfColour"]), ignoreCase: false, out var colour) && Enum.IsDefined(colour) ? colour : TaskColour.Green,
        Confidence = Math.Clamp(Number(data?["confidence"]), 0, 10),
        Evidence = data?[EvidenceField] is JsonArray files ? files.ToJsonString() : "[]",
    };

    /// <summary>The evidence list as stored (<c>{fileName, contentType, size, sha256}</c>); empty for none.</summary>
    public static IReadOnlyList<EvidenceView> ReadEvidence(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<EvidenceView[]>(json, JsonSerializerOptions.Web) ?? [];

    public static JsonArray Evidence(IEnumerable<EvidenceView> files) => new([.. files.Select(e => (JsonNode)new JsonObject
    {
        ["fileName"] = e.FileName,
        ["contentType"] = e.ContentType,
        ["size"] = e.Size,
        ["sha256"] = e.Sha256,
    })]);

    private static void Set(JsonObject data, string name, string? value)
    {
        if (value is not null)
        {
            data[name] = value;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && double.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? (int)Math.Clamp(Math.Round(number), int.MinValue, int.MaxValue)
            : 0;
}
