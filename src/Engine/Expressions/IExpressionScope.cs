using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Expressions;

/// <summary>What an expression can see and change while one activity runs.</summary>
public interface IExpressionScope
{
    string InstanceId { get; }

    string? CorrelationId { get; set; }

    /// <summary>The burst's time: what <c>new Date()</c> returns in JavaScript.</summary>
    DateTimeOffset Now { get; }

    /// <summary>The time zone of JavaScript's local dates.</summary>
    TimeZoneInfo TimeZone { get; }

    /// <summary>The workflow's input object.</summary>
    JsonObject WorkflowInput { get; }

    /// <summary>The result of the activity that completed last, if any.</summary>
    JsonNode? LastResult { get; }

    /// <summary>True when a variable of this name is visible (a scope variable or a workflow variable).</summary>
    bool HasVariable(string name);

    JsonNode? GetVariable(string name);

    void SetVariable(string name, JsonNode? value);

    /// <summary>Every visible variable, inner scopes shadowing outer ones.</summary>
    IReadOnlyDictionary<string, JsonNode?> VisibleVariables();

    /// <summary>The last result of an activity, looked up by id or name.</summary>
    JsonNode? GetActivityResult(string activityIdOrName);

    /// <summary>Outcomes a script asked for with <c>setOutcome</c>; null when it asked for none.</summary>
    List<string>? RequestedOutcomes { get; set; }
}
