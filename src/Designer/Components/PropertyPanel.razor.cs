using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Designer.Editing;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Reviews;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Designer.Components;

/// <summary>
/// Edits one node: its name and the inputs its type declares, with an editor per <see cref="InputKind"/>. Checks use
/// the engine's own rules (JavaScript syntax through Jint, durations and cron as the activities parse them).
/// </summary>
public sealed partial class PropertyPanel
{
    /// <summary>The HumanTask input holding the task form's JSON Schema.</summary>
    private const string SchemaInput = "schema";

    /// <summary>Inputs that name agencies get a picker from the directory (<c>agencies</c> takes several).</summary>
    private static readonly HashSet<string> AgencyInputs = ["assigneeAgency", "leadAgency", "ownerAgency", "agency", "agencies"];

    /// <summary>The joint review activity, whose reviewers get a row editor and whose count and share follow its mode.</summary>
    private const string ReviewType = "AiPlus.Review";

    /// <summary>A reviewer's role as the activity reads it: lead, staff, or none (anyone of the agency).</summary>
    private static readonly string[] ReviewerRoles = ["lead", "staff", ""];

    /// <summary>A row added to the reviewers: an agency still to choose, its lead.</summary>
    private static readonly ReviewerRow NewReviewer = new("", "lead");

    private static readonly string[] ExpressionTypes =
        [Expression.Literal, Expression.JavaScript, Expression.Variable, Expression.Object, Expression.Input];

    private DesignerNode? _node;
    private DesignerNode? _given;

    private enum Editor
    {
        Text,
        Code,
        Json,
        Variable,
        Number,
        Choice,
        YesNo,
        Names,
        Agency,
        Agencies,
        Reviewers,
    }

    /// <summary>The node to edit; null shows nothing.</summary>
    [Parameter]
    public DesignerNode? Node { get; set; }

    /// <summary>The definition's variables, for variable references and <c>Variable</c> expressions.</summary>
    [Parameter]
    public IReadOnlyList<VariableDefinition> Variables { get; set; } = [];

    /// <summary>Raised with the changed node after every edit (the canvas passes it to <see cref="GraphEditor.UpdateNode"/>).</summary>
    [Parameter]
    public EventCallback<DesignerNode> OnChange { get; set; }

    [Inject]
    private ActivityCatalog Catalog { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IOptions<EngineOptions> EngineOptions { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    private ActivityDescriptor? Descriptor => _node is null ? null : Catalog.Find(_node.Type);

    private AgencyDirectory? Agencies => Services.GetService<AgencyDirectory>();

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(EngineOptions.Value.TimeZone);

    protected override void OnParametersSet()
    {
        // A new node from the canvas replaces what is shown; otherwise the panel keeps showing its latest edit.
        if (!ReferenceEquals(Node, _given))
        {
            _given = Node;
            _node = Node;
        }
    }

    private Editor EditorFor(InputDescriptor input, string expressionType)
    {
        if (expressionType is Expression.Literal or Expression.Object && IsForkBranches(input))
        {
            // Fork branches are edited as names and written as the JSON array Elsa reads (see SetNamesTextAsync).
            return Editor.Names;
        }

        if (_node?.Type == ReviewType && input.Name == "reviewers" && expressionType is Expression.Literal or Expression.Object
            && Agencies is not null && ReviewerRow.Read(_node.GetInput(input.Name)?.Text) is not null)
        {
            // A list of rows writing the JSON array the activity reads; a script or another shape stays in the code box.
            return Editor.Reviewers;
        }

        switch (expressionType)
        {
            case Expression.JavaScript:
                return Editor.Code;
            case Expression.Object:
                return Editor.Json;
            case Expression.Variable:
                return Editor.Variable;
            case Expression.Input:
                return Editor.Text;
        }

        if (AgencyInputs.Contains(input.Name) && Agencies is not null)
        {
            return input.Kind == InputKind.Names ? Editor.Agencies : Editor.Agency;
        }

        return input.Kind switch
        {
            InputKind.Script => Editor.Code,
            InputKind.Json => Editor.Json,
            InputKind.Number => Editor.Number,
            InputKind.Choice when input.Choices is { Count: > 0 } => Editor.Choice,
            InputKind.Condition => Editor.YesNo,
            InputKind.Names => Editor.Names,
            _ => Editor.Text,
        };
    }

    /// <summary>
    /// Whether an input is hidden in the panel: a review's <c>count</c> unless its mode is atLeast, and its <c>share</c>
    /// unless its mode is share (when the mode is a literal; an input that holds a value is always shown).
    /// </summary>
    private bool IsHidden(InputDescriptor input)
    {
        if (_node?.Type != ReviewType || input.Name is not ("count" or "share") || _node.GetInput(input.Name) is not null)
        {
            return false;
        }

        var mode = _node.GetInput("mode") is { Type: Expression.Literal } literal ? literal.Text : ReviewRule.All;
        return mode is not null && !(input.Name == "count" ? mode == ReviewRule.AtLeast : mode == ReviewRule.ShareMode);
    }

    /// <summary>What an input of a type is for (<c>Help-{type}-{input}</c> in the texts), or null when there is no help.</summary>
    private static string? Help(string type, string input) => DesignerText.Get($"Help-{type}-{input}");

    /// <summary>负责人 / 工作人员 / 任何人 for lead, staff and none.</summary>
    private string RoleLabel(string role) => T["ReviewerRole-" + (role.Length == 0 ? "anyone" : role)];

    /// <summary>One reviewer row changed: the array is written again.</summary>
    private Task SetReviewerAsync(InputDescriptor input, string type, IReadOnlyList<ReviewerRow> rows, int index, ReviewerRow row) =>
        SetReviewersAsync(input, type, [.. rows.Select((r, n) => n == index ? row : r)]);

    /// <summary>Writes the reviewers as the JSON array the activity reads; no rows removes the input.</summary>
    private Task SetReviewersAsync(InputDescriptor input, string type, IReadOnlyList<ReviewerRow> rows)
    {
        if (rows.Count == 0)
        {
            return ChangeAsync(_node!.WithProperty(input.Name, null));
        }

        var typeName = _node!.GetInput(input.Name) is null ? ActivityCatalog.TypeNameFor(input.Kind) : null;
        return ChangeAsync(_node.WithInput(input.Name, type, JsonValue.Create(ReviewerRow.Write(rows)), typeName));
    }

    /// <summary>
    /// A choice as the planner reads it: <c>Choice-{input}-{value}</c> in the texts, a number as <c>Choice-{input}-Number</c>
    /// (第 1 版 / Version 1) where the texts have it, else the value as it is.
    /// </summary>
    private string ChoiceLabel(InputDescriptor input, string choice) =>
        T[$"Choice-{input.Name}-{choice}"] is { ResourceNotFound: false } label ? label.Value
        : int.TryParse(choice, CultureInfo.InvariantCulture, out var number) && T[$"Choice-{input.Name}-Number", number] is { ResourceNotFound: false } numbered ? numbered.Value
        : choice;

    /// <summary>What is wrong with an input's value, in the current language; null when nothing is (or it is empty).</summary>
    private string? Problem(InputDescriptor input, Expression? expression)
    {
        var text = expression?.Text ?? "";
        if (expression is null || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (expression.Type == Expression.JavaScript || (expression.Type == Expression.Literal && input.Kind == InputKind.Script))
        {
            return JavaScriptEvaluator.CheckSyntax(text) is { } error ? T["InvalidJavaScript", error].Value : null;
        }

        if (expression.Type == Expression.Object)
        {
            return JsonError(text) is { } error ? T["InvalidJson", error].Value : null;
        }

        if (expression.Type != Expression.Literal)
        {
            return null;
        }

        switch (input.Kind)
        {
            case InputKind.Duration:
                return DurationText.Parse(text) is null ? T["InvalidDuration"].Value : null;
            case InputKind.Cron:
                return CronExpressions.Parse(text) is null ? T["InvalidCron"].Value : null;
            case InputKind.Number:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : T["InvalidNumber"].Value;
            default:
                // Other literals are read as the engine reads them: by their declared type (an Object that looks like JSON must be JSON).
                try
                {
                    ExpressionEvaluator.ConvertLiteral(expression.Value, expression.TypeName);
                    return null;
                }
                catch (ExpressionException e)
                {
                    return e.InnerException is JsonException json ? T["InvalidJson", json.Message].Value : T["InvalidValue", e.Message].Value;
                }
        }
    }

    private static string? JsonError(string text)
    {
        try
        {
            JsonNode.Parse(text);
            return null;
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }

    private static IReadOnlyList<SchemaField>? SchemaPreview(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || JsonError(text) is not null)
        {
            return null;
        }

        return SchemaField.Read(JsonNode.Parse(text));
    }

    private IReadOnlyList<string> NamesOf(InputDescriptor input, Expression? expression)
    {
        if (!IsForkBranches(input))
        {
            return expression?.Type == Expression.Literal ? ActivityExecutionContext.ParseNames(expression.Value) : [];
        }

        // The branches the engine (and Elsa) will fork into: a legacy "A,B" text shows as the one branch it is.
        try
        {
            return ForkBranches.Read(expression?.Value) ?? [];
        }
        catch (FormatException)
        {
            return [];
        }
    }

    /// <summary>The text in a names box: a fork's branches as a comma list (they are stored as a JSON array), else the value.</summary>
    private string NamesText(InputDescriptor input, Expression? expression, string text) =>
        IsForkBranches(input) && expression is not null && ForkBranchesOrNull(expression) is { } names ? string.Join(", ", names) : text;

    private static IReadOnlyList<string>? ForkBranchesOrNull(Expression expression)
    {
        try
        {
            return ForkBranches.Read(expression.Value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private bool IsForkBranches(InputDescriptor input) =>
        _node?.Type == ActivityTypes.FlowFork && input.Name == ForkBranches.InputName
        && _node.GetInput(input.Name)?.Type is null or Expression.Literal or Expression.Object;

    /// <summary>
    /// A names box changed. A fork's branches are written as Elsa Studio writes them, a <c>String[]</c> Object expression
    /// holding a JSON array (Elsa reads a comma-separated text as one branch); other lists keep the text as typed.
    /// </summary>
    private Task SetNamesTextAsync(InputDescriptor input, string type, string? text)
    {
        if (!IsForkBranches(input))
        {
            return SetValueAsync(input, type, text);
        }

        var names = (text ?? "").Split([',', '，', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            return ChangeAsync(_node!.WithProperty(input.Name, null));
        }

        var written = ForkBranches.ToInput(names);
        if (_node!.GetProperty(input.Name) is JsonObject existing)
        {
            // Keep what else the input carries (Elsa's memoryReference…), as every other edit does.
            var kept = (JsonObject)existing.DeepClone();
            kept["typeName"] = written["typeName"]!.DeepClone();
            kept["expression"] = written["expression"]!.DeepClone();
            written = kept;
        }

        return ChangeAsync(_node.WithProperty(input.Name, written));
    }

    private static string AgencyName(Agency agency) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? agency.NameZh : agency.NameEn;

    private string FormatRun(DateTimeOffset run) =>
        TimeZoneInfo.ConvertTime(run, Zone).ToString("yyyy-MM-dd HH:mm ddd", CultureInfo.CurrentCulture);

    private string? VariableReferenceName(string input) => _node?.GetProperty(input) switch
    {
        JsonObject reference => reference["name"]?.ToString(),
        JsonValue name => name.ToString(),
        _ => null,
    };

    private Task SetVariableReferenceAsync(string input, string? name)
    {
        var variable = Variables.FirstOrDefault(v => v.Name == name);
        JsonObject? reference = null;
        if (variable is not null)
        {
            reference = [];
            if (variable.Id is not null)
            {
                reference["id"] = variable.Id;
            }

            reference["name"] = variable.Name;
            reference["typeName"] = variable.TypeName;
        }

        return ChangeAsync(_node!.WithProperty(input, reference));
    }

    private Task SetExpressionTypeAsync(InputDescriptor input, string? type)
    {
        if (type is null || !Expression.KnownTypes.Contains(type))
        {
            return Task.CompletedTask;
        }

        var current = _node!.GetInput(input.Name);
        var value = current?.Value?.DeepClone() ?? JsonValue.Create("");
        return ChangeAsync(_node.WithInput(input.Name, type, value, current is null ? ActivityCatalog.TypeNameFor(input.Kind) : null));
    }

    private Task SetValueAsync(InputDescriptor input, string type, string? text)
    {
        // An emptied literal removes the input, so the engine uses the input's default.
        if (type == Expression.Literal && string.IsNullOrEmpty(text))
        {
            return ChangeAsync(_node!.WithProperty(input.Name, null));
        }

        var typeName = _node!.GetInput(input.Name) is null ? ActivityCatalog.TypeNameFor(input.Kind) : null;
        return ChangeAsync(_node.WithInput(input.Name, type, JsonValue.Create(text ?? ""), typeName));
    }

    // A multiple select reports its chosen values as an array (of strings, or of JSON elements on some renderers).
    private Task SetNamesAsync(InputDescriptor input, string type, object? chosen) => SetValueAsync(input, type, chosen switch
    {
        string text => text,
        System.Collections.IEnumerable values => string.Join(",", values.Cast<object?>().Select(v => v?.ToString()).Where(v => !string.IsNullOrEmpty(v))),
        _ => null,
    });

    private async Task ChangeAsync(DesignerNode changed)
    {
        _node = changed;
        await OnChange.InvokeAsync(changed);
    }
}
