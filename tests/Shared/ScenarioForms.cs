using System.Text.Json.Nodes;

namespace AiPlusTasks.Tests.Shared;

/// <summary>Form data the national-key-task scenarios submit, the same in the engine and the HTTP tests.</summary>
public static class ScenarioForms
{
    /// <summary>A progress report at <paramref name="percent"/> %, green and fairly confident.</summary>
    public static JsonObject Report(int percent) => new()
    {
        ["progressPercent"] = percent,
        ["done"] = $"完成 {percent}% 的试点建设 pilots {percent}% built",
        ["next"] = "扩大试点范围 widen the pilots",
        ["problems"] = "算力紧张 compute is short",
        ["supportNeeded"] = "协调算力券 compute vouchers",
        ["selfColour"] = "Green",
        ["confidence"] = 7,
    };
}
