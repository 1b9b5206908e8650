namespace AiPlusTasks.Engine.Tasks;

/// <summary>How a task form (the inbox's, a test run's) enters one property of the task's JSON Schema.</summary>
public enum TaskFormFieldKind
{
    /// <summary>A short <c>string</c> (<c>maxLength</c> up to 200): one line.</summary>
    Text,

    /// <summary>A longer <c>string</c>: several lines.</summary>
    LongText,

    /// <summary>An <c>integer</c> or <c>number</c>: sent as a JSON number.</summary>
    Number,

    /// <summary>A <c>boolean</c>: chosen as yes or no.</summary>
    YesNo,

    /// <summary>A property with an <c>enum</c>: one of its values.</summary>
    Choice,

    /// <summary>
    /// Evidence files: an <c>array</c> whose items are objects with a <c>sha256</c> property (<c>{fileName, contentType,
    /// size, sha256}</c>); a page uploads the files and lists them.
    /// </summary>
    Files,

    /// <summary>An <c>object</c>, an <c>array</c> or a property without a type: typed as JSON.</summary>
    Json,
}
