namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// The stable code of each kind of <see cref="ValidationProblem"/>: a page says a problem in its own language from the
/// code and the problem's arguments (the order of the arguments is given per code); the English message is for the API.
/// </summary>
public static class ValidationProblemCodes
{
    /// <summary>The definition has no id. No arguments.</summary>
    public const string DefinitionIdRequired = "DefinitionIdRequired";

    /// <summary>Two variables share a name. Arguments: the name.</summary>
    public const string VariableDeclaredTwice = "VariableDeclaredTwice";

    /// <summary>A value cannot be read as its type. Arguments: the value, Elsa's type name.</summary>
    public const string ValueNotOfType = "ValueNotOfType";

    /// <summary>Two activities share an id. Arguments: the id.</summary>
    public const string ActivityIdUsedTwice = "ActivityIdUsedTwice";

    /// <summary>The engine knows no activity of this type. Arguments: the type.</summary>
    public const string UnknownActivityType = "UnknownActivityType";

    /// <summary>Several definitions usable as activities share the type name. Arguments: the type, the definitions' ids.</summary>
    public const string AmbiguousActivityType = "AmbiguousActivityType";

    /// <summary>A join's merge mode is not one the engine knows. Arguments: the mode, the known modes.</summary>
    public const string UnknownMergeMode = "UnknownMergeMode";

    /// <summary>A ParallelForEach has no body. No arguments.</summary>
    public const string BodyRequired = "BodyRequired";

    /// <summary>A connection starts at an activity that is not in the flowchart. Arguments: the missing activity's id.</summary>
    public const string ConnectionFromMissingActivity = "ConnectionFromMissingActivity";

    /// <summary>A connection ends at an activity that is not in the flowchart. Arguments: the missing activity's id.</summary>
    public const string ConnectionToMissingActivity = "ConnectionToMissingActivity";

    /// <summary>A connection leaves by an outcome the activity does not have. Arguments: the outcome, the known outcomes.</summary>
    public const string UnknownOutcome = "UnknownOutcome";

    /// <summary>A fork's branches are a comma-separated text, read as one branch. Arguments: the outcome drawn.</summary>
    public const string ForkBranchesAsText = "ForkBranchesAsText";

    /// <summary>A fork's branches cannot be read as a list of names. No arguments.</summary>
    public const string ForkBranchesUnreadable = "ForkBranchesUnreadable";

    /// <summary>Every activity of a non-empty flowchart has an inbound connection. No arguments.</summary>
    public const string NoStart = "NoStart";

    /// <summary>The activity cannot be reached from the flowchart's start. Arguments: the activity's id, the start's id.</summary>
    public const string Unreachable = "Unreachable";

    /// <summary>A required input has no value. Arguments: the input's name.</summary>
    public const string RequiredInputMissing = "RequiredInputMissing";

    /// <summary>A variable used is not declared. Arguments: the variable's name.</summary>
    public const string VariableNotDeclared = "VariableNotDeclared";

    /// <summary>A script does not parse. Arguments: the parser's (English) error.</summary>
    public const string InvalidScript = "InvalidScript";

    /// <summary>An Object expression is not JSON. Arguments: the parser's (English) error.</summary>
    public const string InvalidJson = "InvalidJson";

    /// <summary>An Input expression names no workflow input. No arguments.</summary>
    public const string InputNameMissing = "InputNameMissing";

    /// <summary>An expression's type is not one the engine knows. Arguments: the type, the known types.</summary>
    public const string UnknownExpressionType = "UnknownExpressionType";

    /// <summary>A text is not a duration. Arguments: the text.</summary>
    public const string NotADuration = "NotADuration";

    /// <summary>A text is not a schedule (cron expression). Arguments: the text.</summary>
    public const string NotASchedule = "NotASchedule";

    /// <summary>A text is not one of an input's choices. Arguments: the text, the choices.</summary>
    public const string NotAChoice = "NotAChoice";

    /// <summary>A condition is neither true nor false. Arguments: the text.</summary>
    public const string NotTrueOrFalse = "NotTrueOrFalse";

    /// <summary>A text is not a number. Arguments: the text.</summary>
    public const string NotANumber = "NotANumber";

    /// <summary>Every code above.</summary>
    public static IReadOnlyList<string> All { get; } =
        typeof(ValidationProblemCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
}
