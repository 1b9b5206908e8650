using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// Checks a definition before import and publish and reports every problem at once: unknown activity types,
/// duplicate ids, connections to missing activities or ports, missing required inputs, invalid expressions,
/// durations and cron expressions, variables' initial values, fork branches Elsa cannot read, a flowchart with
/// activities but no start, and unreachable activities. As in Elsa 3, any activity may be the root and an empty
/// flowchart is valid (it completes at once).
/// </summary>
public sealed class DefinitionValidator(ActivityRegistry registry)
{
    private static readonly HashSet<string> ScopeVariables = ["CurrentValue", "CurrentIndex"];

    /// <summary>Every problem of the definition; empty when it is valid.</summary>
    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(definition.DefinitionId))
        {
            problems.Add(new(null, "definitionId", "definitionId is required"));
        }

        var variables = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Variables.Count; i++)
        {
            var variable = definition.Variables[i];
            if (!variables.Add(variable.Name))
            {
                problems.Add(new(null, $"variables[{i}].name", $"variable '{variable.Name}' is declared twice"));
            }

            // The initial value is converted when an instance starts; one that cannot be would fault every start.
            try
            {
                ExpressionEvaluator.ConvertLiteral(variable.Value, variable.TypeName);
            }
            catch (ExpressionException e)
            {
                problems.Add(new(null, $"variables[{i}].value", e.Message));
            }
        }

        // Any activity may be the root, as in Elsa 3 (a Workflow's Root is any IActivity): a Flowchart, a Sequence, one WriteLine.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in definition.AllActivities())
        {
            if (!seen.Add(activity.Id))
            {
                problems.Add(new(activity.Id, "id", $"activity id '{activity.Id}' is used more than once"));
            }

            if (!registry.TryGet(activity.Type, out var behaviour))
            {
                problems.Add(new(activity.Id, "type", registry.UnknownTypeMessage(activity.Type)));
                continue;
            }

            ValidateInputs(activity, behaviour.Descriptor, variables, problems);
            if (JoinRules.MergeModeOf(activity) is { } mergeMode && !JoinRules.MergeModes.Contains(mergeMode.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(new(activity.Id, "customProperties.mergeMode", $"'{mergeMode}' is not one of {string.Join(", ", JoinRules.MergeModes)}"));
            }

            if (activity.Type == ActivityTypes.Flowchart)
            {
                ValidateFlowchart(activity, problems);
            }

            if (activity.Type == ActivityTypes.FlowFork)
            {
                ValidateForkBranches(activity, problems);
            }

            if (activity.Type == ActivityTypes.ParallelForEach && activity.Body is null)
            {
                problems.Add(new(activity.Id, "body", "a ParallelForEach needs a body activity"));
            }
        }

        return problems;
    }

    private void ValidateFlowchart(ActivityNode flowchart, List<ValidationProblem> problems)
    {
        var ids = flowchart.Activities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < flowchart.Connections.Count; i++)
        {
            var connection = flowchart.Connections[i];
            var source = flowchart.Activities.FirstOrDefault(a => a.Id == connection.Source.Activity);
            if (source is null)
            {
                problems.Add(new(flowchart.Id, $"connections[{i}].source.activity", $"connection {i} starts at missing activity '{connection.Source.Activity}'"));
            }
            else if (registry.TryGet(source.Type, out var behaviour) && !BranchesKnownOnlyAtRunTime(source))
            {
                var port = connection.Source.Port ?? ActivityDescriptor.Done;
                var outcomes = behaviour.Descriptor.Outcomes(source);
                if (!outcomes.Contains(port))
                {
                    var known = outcomes.Count == 0 ? "none" : string.Join(", ", outcomes);
                    problems.Add(new(source.Id, $"connections[{i}].source.port", $"activity '{source.Id}' has no outcome port '{port}' (ports: {known}){ForkHint(source, outcomes)}"));
                }
            }

            if (!ids.Contains(connection.Target.Activity))
            {
                problems.Add(new(flowchart.Id, $"connections[{i}].target.activity", $"connection {i} ends at missing activity '{connection.Target.Activity}'"));
            }
        }

        if (flowchart.Activities.Count == 0)
        {
            // An empty flowchart completes at once, as Elsa's does (its start activity is null; nothing is scheduled).
            return;
        }

        var targets = flowchart.Connections.Select(c => c.Target.Activity).ToHashSet(StringComparer.Ordinal);
        var hasStart = flowchart.Activities.Any(a => a.Type == ActivityTypes.Start || !targets.Contains(a.Id));
        if (!hasStart)
        {
            problems.Add(new(flowchart.Id, "activities", "no start: add an Elsa.Start or an activity without inbound connections"));
            return;
        }

        var graph = new FlowchartGraph(flowchart);
        foreach (var activity in flowchart.Activities.Where(a => !graph.Reachable.Contains(a.Id)))
        {
            problems.Add(new(activity.Id, "connections", $"activity '{activity.Id}' is unreachable from the start '{graph.Start!.Id}'"));
        }
    }

    /// <summary>A fork's branches given as a literal or JSON text must be readable as Elsa reads them (<see cref="ForkBranches"/>).</summary>
    private static void ValidateForkBranches(ActivityNode fork, List<ValidationProblem> problems)
    {
        var expression = fork.GetInput(ForkBranches.InputName);
        if (expression?.Type is not (Expression.Literal or Expression.Object))
        {
            return;
        }

        try
        {
            ForkBranches.Read(ExpressionEvaluator.ConstantValue(expression));
        }
        catch (ExpressionException)
        {
            // A literal or Object expression that cannot be read at all is already reported by the expression check.
        }
        catch (FormatException e)
        {
            if (!problems.Any(p => p.ActivityId == fork.Id && p.Field == ForkBranches.InputName))
            {
                problems.Add(new(fork.Id, ForkBranches.InputName, e.Message));
            }
        }
    }

    /// <summary>
    /// A fork whose branches come from a JavaScript, Variable or Input expression: its ports are known only when it runs,
    /// so its connections are not checked against them (Elsa Studio lets them be drawn too).
    /// </summary>
    private static bool BranchesKnownOnlyAtRunTime(ActivityNode source) =>
        source.Type == ActivityTypes.FlowFork && source.GetInput(ForkBranches.InputName)?.Type is not (null or Expression.Literal or Expression.Object);

    /// <summary>Why a fork written with a comma-separated text has no port for each name: Elsa reads the text as one branch.</summary>
    private static string ForkHint(ActivityNode source, IReadOnlyList<string> outcomes) =>
        source.Type == ActivityTypes.FlowFork && outcomes.Any(o => o.Contains(',', StringComparison.Ordinal))
            ? $"; '{ForkBranches.InputName}' is read as Elsa reads it, so a comma-separated text is one branch: write a JSON array such as [\"A\",\"B\"]"
            : "";

    private static void ValidateInputs(ActivityNode activity, ActivityDescriptor descriptor, HashSet<string> variables, List<ValidationProblem> problems)
    {
        foreach (var input in descriptor.Inputs)
        {
            if (input.Kind == InputKind.VariableReference)
            {
                var name = SetVariableActivity.VariableName(activity);
                if (name is null)
                {
                    if (input.Required)
                    {
                        problems.Add(new(activity.Id, input.Name, $"missing required input '{input.Name}'"));
                    }
                }
                else if (!variables.Contains(name))
                {
                    problems.Add(new(activity.Id, input.Name, $"variable '{name}' is not declared"));
                }

                continue;
            }

            var expression = activity.GetInput(input.Name);
            if (expression is null || (expression.Type == Expression.Literal && string.IsNullOrWhiteSpace(expression.Text)))
            {
                if (input.Required)
                {
                    problems.Add(new(activity.Id, input.Name, $"missing required input '{input.Name}'"));
                }

                continue;
            }

            var problem = CheckExpression(expression, input, variables);
            if (problem is not null)
            {
                problems.Add(new(activity.Id, input.Name, problem));
            }
        }
    }

    private static string? CheckExpression(Expression expression, InputDescriptor input, HashSet<string> variables)
    {
        var text = expression.Text ?? "";
        switch (expression.Type)
        {
            case Expression.JavaScript:
                return JavaScriptEvaluator.CheckSyntax(text) is { } error ? $"invalid JavaScript: {error}" : null;
            case Expression.Object:
                try
                {
                    JsonNode.Parse(text);
                    return null;
                }
                catch (JsonException e)
                {
                    return $"invalid JSON in Object expression: {e.Message}";
                }

            case Expression.Variable:
                return variables.Contains(text) || ScopeVariables.Contains(text) ? null : $"variable '{text}' is not declared";
            case Expression.Input:
                return text.Length == 0 ? "an Input expression must name a workflow input" : null;
            case Expression.Literal:
                return CheckLiteral(text, expression, input);
            default:
                return $"unknown expression type '{expression.Type}' (known: {string.Join(", ", Expression.KnownTypes)})";
        }
    }

    private static string? CheckLiteral(string text, Expression expression, InputDescriptor input)
    {
        switch (input.Kind)
        {
            case InputKind.Script:
                return JavaScriptEvaluator.CheckSyntax(text) is { } error ? $"invalid JavaScript: {error}" : null;
            case InputKind.Duration:
                return ActivityExecutionContext.ParseDuration(text) is null
                    ? $"'{text}' is not a duration (d.hh:mm:ss or ISO 8601 such as PT5M)"
                    : null;
            case InputKind.Cron:
                return CronExpressions.Parse(text) is null ? $"'{text}' is not a cron expression (five fields, or six with seconds)" : null;
            case InputKind.Choice when input.Choices is { } choices:
                return choices.Contains(text, StringComparer.OrdinalIgnoreCase) ? null : $"'{text}' is not one of {string.Join(", ", choices)}";
            case InputKind.Condition when expression.Value is JsonValue value && !value.TryGetValue<bool>(out _):
                return bool.TryParse(text, out _) ? null : $"'{text}' is not true or false";
            case InputKind.Number:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : $"'{text}' is not a number";
            default:
                try
                {
                    ExpressionEvaluator.ConvertLiteral(expression.Value, expression.TypeName);
                    return null;
                }
                catch (ExpressionException e)
                {
                    return e.Message;
                }
        }
    }
}
