using System.Globalization;
using System.Text.RegularExpressions;
using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Workflows.Definitions;
using Codes = AiPlusTasks.Workflows.Definitions.ValidationProblemCodes;

namespace AiPlusTasks.Designer.Editing;

/// <summary>
/// How the designer says a validation problem in the current UI culture: where it is (the activity's display name and
/// the field's label, never ids or keys) and what is wrong (<c>Problem-{code}</c> from the resources, with the problem's
/// arguments). The one place that maps <see cref="ValidationProblemCodes"/> to texts.
/// </summary>
public static partial class ProblemText
{
    /// <summary>E.g. 延时 · 时长, or 工作流 · 变量 for a problem of the definition as a whole.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="node">The activity it concerns on the canvas; null for the workflow, or when it is not on the canvas.</param>
    /// <param name="catalog">Names the activity's inputs.</param>
    public static string Where(ValidationProblem problem, DesignerNode? node, ActivityCatalog catalog)
    {
        var subject = node?.DisplayText ?? DesignerText.Get("WorkflowPanel")!;
        return $"{subject} · {FieldLabel(problem.Field, node, catalog)}";
    }

    /// <summary>What is wrong, e.g. “5分钟” 不是有效的时长.</summary>
    public static string What(ValidationProblem problem) =>
        DesignerText.Get("Problem-" + problem.Code) is { } format
            ? string.Format(CultureInfo.CurrentCulture, format, [.. Arguments(problem)])
            : problem.Message;

    /// <summary>The arguments as the page says them: type and outcome names in words.</summary>
    private static IEnumerable<object> Arguments(ValidationProblem problem) => problem.Code switch
    {
        Codes.ValueNotOfType => [problem.Arguments[0], ActivityTypeNames.ValueTypeName(problem.Arguments[1])],
        Codes.UnknownOutcome => [ActivityTypeNames.OutcomeName(problem.Arguments[0]), string.Join("、", problem.Arguments[1].Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(ActivityTypeNames.OutcomeName))],
        _ => problem.Arguments,
    };

    /// <summary>
    /// The label of a field: a structural one (<c>connections[i].source.port</c>, <c>variables[i].value</c>…) from
    /// <c>ProblemField-{field without indices}</c>, else the activity's input label.
    /// </summary>
    private static string FieldLabel(string field, DesignerNode? node, ActivityCatalog catalog) =>
        DesignerText.Get("ProblemField-" + Index().Replace(field, "")) ?? (node is null ? field : catalog.InputLabel(node.Type, field));

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Index();
}
