using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiPlusTasks.Workflows.Expressions;

namespace AiPlusTasks.Workflows.Tests.Expressions;

/// <summary>
/// What evaluating a script came to, as comparable text: its JSON result, or its error without the line and column
/// (which move when a script is wrapped to force it through another path).
/// </summary>
internal static partial class JavaScriptOutcome
{
    public static string Of(JavaScriptSession session, string script, IExpressionScope scope)
    {
        try
        {
            return "value " + (session.Evaluate(script, scope)?.ToJsonString() ?? "null");
        }
        catch (ExpressionException e)
        {
            return "error " + Location().Replace(e.Message, "");
        }
        catch (InvalidOperationException e)
        {
            // A lone surrogate reaches JSON as an escape System.Text.Json reads but cannot write.
            return "unwritable " + e.Message;
        }
    }

    /// <summary>What today's engine path gave: the script's value written by <c>JSON.stringify</c> and parsed back.</summary>
    public static string OfStringified(JavaScriptSession session, string script, IExpressionScope scope)
    {
        var outcome = Of(session, $"JSON.stringify({script})", scope);
        if (!outcome.StartsWith("value ", StringComparison.Ordinal))
        {
            return outcome;
        }

        var text = JsonNode.Parse(outcome["value ".Length..]);
        try
        {
            return "value " + (text is null ? "null" : JsonNode.Parse(text.GetValue<string>())?.ToJsonString() ?? "null");
        }
        catch (InvalidOperationException e)
        {
            return "unwritable " + e.Message;
        }
    }

    [GeneratedRegex(@" \(line \d+, column \d+\)$")]
    private static partial Regex Location();
}
