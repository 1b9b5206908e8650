using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Codes = AiPlusTasks.Workflows.Definitions.ValidationProblemCodes;

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
            problems.Add(new(null, "definitionId", "definitionId is required", Codes.DefinitionIdRequired, []));
        }

        var variables = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Variables.Count; i++)
        {
            var variable = definition.Variables[i];
            if (!variables.Add(variable.Name))
            {
                problems.Add(new(null, $"variables[{i}].name", $"variable '{variable.Name}' is declared twice", Codes.VariableDeclaredTwice, [variable.Name]));
            }

            // The initial value is converted when an instance starts; one that cannot be would fault every start.
            try
            {
                ExpressionEvaluator.ConvertLiteral(variable.Value, variable.TypeName);
            }
            catch (ExpressionException e)
            {
                problems.Add(new(null, $"variables[{i}].value", e.Message, Codes.ValueNotOfType, [LiteralText(variable.Value), variable.TypeName]));
            }
        }

        // Any activity may be the root, as in Elsa 3 (a Workflow's Root is any IActivity): a Flowchart, a Sequence, one WriteLine.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in definition.AllActivities())
        {
            if (!seen.Add(activity.Id))
            {
                problems.Add(new(activity.Id, "id", $"activity id '{activity.Id}' is used more than once", Codes.ActivityIdUsedTwice, [activity.Id]));
            }

            if (!registry.TryGet(activity.Type, out var behaviour))
            {
                problems.Add(UnknownType(activity));
                continue;
            }

            ValidateInputs(activity, behaviour.Descriptor, variables, problems);
            if (JoinRules.MergeModeOf(activity) is { } mergeMode && !JoinRules.MergeModes.Contains(mergeMode.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(new(activity.Id, "customProperties.mergeMode", $"'{mergeMode}' is not one of {string.Join(", ", JoinRules.MergeModes)}", Codes.UnknownMergeMode, [mergeMode, string.Join(", ", JoinRules.MergeModes)]));
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
                problems.Add(new(activity.Id, "body", "a ParallelForEach needs a body activity", Codes.BodyRequired, []));
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
                problems.Add(new(flowchart.Id, $"connections[{i}].source.activity", $"connection {i} starts at missing activity '{connection.Source.Activity}'",
                    Codes.ConnectionFromMissingActivity, [connection.Source.Activity]));
            }
            else if (registry.TryGet(source.Type, out var behaviour) && !BranchesKnownOnlyAtRunTime(source))
            {
                var port = connection.Source.Port ?? ActivityDescriptor.Done;
                var outcomes = behaviour.Descriptor.Outcomes(source);
                if (!outcomes.Contains(port))
                {
                    var known = outcomes.Count == 0 ? "none" : string.Join(", ", outcomes);
                    var message = $"activity '{source.Id}' has no outcome port '{port}' (ports: {known}){ForkHint(source, outcomes)}";
                    problems.Add(IsForkWithTextBranches(source, outcomes)
                        ? new(source.Id, $"connections[{i}].source.port", message, Codes.ForkBranchesAsText, [port])
                        : new(source.Id, $"connections[{i}].source.port", message, Codes.UnknownOutcome, [port, string.Join(", ", outcomes)]));
                }
            }

            if (!ids.Contains(connection.Target.Activity))
            {
                problems.Add(new(flowchart.Id, $"connections[{i}].target.activity", $"connection {i} ends at missing activity '{connection.Target.Activity}'",
                    Codes.ConnectionToMissingActivity, [connection.Target.Activity]));
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
            problems.Add(new(flowchart.Id, "activities", "no start: add an Elsa.Start or an activity without inbound connections", Codes.NoStart, []));
            return;
        }

        var graph = new FlowchartGraph(flowchart);
        foreach (var activity in flowchart.Activities.Where(a => !graph.Reachable.Contains(a.Id)))
        {
            problems.Add(new(activity.Id, "connections", $"activity '{activity.Id}' is unreachable from the start '{graph.Start!.Id}'", Codes.Unreachable, [activity.Id, graph.Start!.Id]));
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
                problems.Add(new(fork.Id, ForkBranches.InputName, e.Message, Codes.ForkBranchesUnreadable, []));
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
    private static bool IsForkWithTextBranches(ActivityNode source, IReadOnlyList<string> outcomes) =>
        source.Type == ActivityTypes.FlowFork && outcomes.Any(o => o.Contains(',', StringComparison.Ordinal));

    private static string ForkHint(ActivityNode source, IReadOnlyList<string> outcomes) =>
        IsForkWithTextBranches(source, outcomes)
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
                        problems.Add(new(activity.Id, input.Name, $"missing required input '{input.Name}'", Codes.RequiredInputMissing, [input.Name]));
                    }
                }
                else if (!variables.Contains(name))
                {
                    problems.Add(new(activity.Id, input.Name, $"variable '{name}' is not declared", Codes.VariableNotDeclared, [name]));
                }

                continue;
            }

            var expression = activity.GetInput(input.Name);
            if (expression is null || (expression.Type == Expression.Literal && string.IsNullOrWhiteSpace(expression.Text)))
            {
                if (input.Required)
                {
                    problems.Add(new(activity.Id, input.Name, $"missing required input '{input.Name}'", Codes.RequiredInputMissing, [input.Name]));
                }

                continue;
            }

            if (CheckExpression(expression, input, variables) is { } finding)
            {
                problems.Add(new(activity.Id, input.Name, finding.Message, finding.Code, finding.Arguments));
            }
        }
    }

    private static Finding? CheckExpression(Expression expression, InputDescriptor input, HashSet<string> variables)
    {
        var text = expression.Text ?? "";
        switch (expression.Type)
        {
            case Expression.JavaScript:
                return CheckScript(text);
            case Expression.Object:
                try
                {
                    JsonNode.Parse(text);
                    return null;
                }
                catch (JsonException e)
                {
                    return new(Codes.InvalidJson, [e.Message], $"invalid JSON in Object expression: {e.Message}");
                }

            case Expression.Variable:
                return variables.Contains(text) || ScopeVariables.Contains(text)
                    ? null
                    : new(Codes.VariableNotDeclared, [text], $"variable '{text}' is not declared");
            case Expression.Input:
                return text.Length == 0 ? new(Codes.InputNameMissing, [], "an Input expression must name a workflow input") : null;
            case Expression.Literal:
                return CheckLiteral(text, expression, input);
            default:
                var known = string.Join(", ", Expression.KnownTypes);
                return new(Codes.UnknownExpressionType, [expression.Type, known], $"unknown expression type '{expression.Type}' (known: {known})");
        }
    }

    private static Finding? CheckScript(string text) =>
        JavaScriptEvaluator.CheckSyntax(text) is { } error ? new(Codes.InvalidScript, [error], $"invalid JavaScript: {error}") : null;

    private static Finding? CheckLiteral(string text, Expression expression, InputDescriptor input)
    {
        switch (input.Kind)
        {
            case InputKind.Script:
                return CheckScript(text);
            case InputKind.Duration:
                return ActivityExecutionContext.ParseDuration(text) is null
                    ? new(Codes.NotADuration, [text], $"'{text}' is not a duration (d.hh:mm:ss or ISO 8601 such as PT5M)")
                    : null;
            case InputKind.Cron:
                return CronExpressions.Parse(text) is null
                    ? new(Codes.NotASchedule, [text], $"'{text}' is not a cron expression (five fields, or six with seconds)")
                    : null;
            case InputKind.Choice when input.Choices is { } choices:
                return choices.Contains(text, StringComparer.OrdinalIgnoreCase)
                    ? null
                    : new(Codes.NotAChoice, [text, string.Join(", ", choices)], $"'{text}' is not one of {string.Join(", ", choices)}");
            case InputKind.Condition when expression.Value is JsonValue value && !value.TryGetValue<bool>(out _):
                return bool.TryParse(text, out _) ? null : new(Codes.NotTrueOrFalse, [text], $"'{text}' is not true or false");
            case InputKind.Number:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                    ? null
                    : new(Codes.NotANumber, [text], $"'{text}' is not a number");
            default:
                try
                {
                    ExpressionEvaluator.ConvertLiteral(expression.Value, expression.TypeName);
                    return null;
                }
                catch (ExpressionException e)
                {
                    return new(Codes.ValueNotOfType, [LiteralText(expression.Value), expression.TypeName ?? ""], e.Message);
                }
        }
    }

    private ValidationProblem UnknownType(ActivityNode activity) =>
        registry.AmbiguousDefinitions(activity.Type) is { Count: > 0 } definitions
            ? new(activity.Id, "type", registry.UnknownTypeMessage(activity.Type), Codes.AmbiguousActivityType, [activity.Type, string.Join(", ", definitions)])
            : new(activity.Id, "type", registry.UnknownTypeMessage(activity.Type), Codes.UnknownActivityType, [activity.Type]);

    /// <summary>A literal as the planner wrote it: the text of a scalar, else its JSON.</summary>
    private static string LiteralText(JsonNode? value) =>
        value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "";

    /// <summary>What one check found: the problem's code, its arguments and its English message.</summary>
    private readonly record struct Finding(string Code, IReadOnlyList<string> Arguments, string Message);
}
