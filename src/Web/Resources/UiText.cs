namespace AiPlusTasks.Web.Resources;

/// <summary>
/// The UI's texts: <c>UiText.resx</c> holds Simplified Chinese (the default), <c>UiText.en.resx</c> English. Read them
/// through <c>IStringLocalizer&lt;UiText&gt;</c>.
/// </summary>
public sealed class UiText;
