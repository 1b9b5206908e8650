using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Web.Components;

/// <summary>How user administration names roles and account states in the UI's language: words, never codes.</summary>
public static class UserText
{
    /// <summary>The role in words (单位负责人 / Agency lead); a role without a text (added later) shows as its code.</summary>
    public static string Role(string role, IStringLocalizer<UiText> text)
    {
        var name = text["Role-" + role];
        return name.ResourceNotFound ? role : name.Value;
    }

    /// <summary>Every role of a user in words, separated as the language separates a list.</summary>
    public static string Roles(IEnumerable<string> roles, IStringLocalizer<UiText> text) =>
        string.Join(text["UserRoleSeparator"].Value, roles.Select(r => Role(r, text)));

    /// <summary>The account's state (正常 / 已停用 / 待改密).</summary>
    public static string Status(UserStatus status, IStringLocalizer<UiText> text) => text["UserStatus-" + status].Value;

    /// <summary>
    /// What to show under a field the engine refused, in the UI's words (its own messages are the API's, in English):
    /// a well-formed login name it refused is taken; null when the field has no problem.
    /// </summary>
    public static string? FieldError(IReadOnlyDictionary<string, string[]>? errors, string field, string? username, IStringLocalizer<UiText> text) =>
        errors is null || !errors.ContainsKey(field) ? null : field switch
        {
            "username" => UserAdministration.IsValidUsername(username?.Trim()) ? text["UserLoginNameTaken"].Value : text["UserLoginNameInvalid"].Value,
            "displayName" => text["UserDisplayNameInvalid"].Value,
            "agency" => text["UserAgencyInvalid"].Value,
            "roles" => text["UserRolesInvalid"].Value,
            "email" => text["UserEmailInvalid"].Value,
            "mobile" => text["UserMobileInvalid"].Value,
            _ => text["UserFixErrors"].Value,
        };

    /// <summary>Why the engine refused an action on a user, in the UI's words (forbidden, not found, changed meanwhile).</summary>
    public static string Refusal(Exception refusal, IStringLocalizer<UiText> text) => refusal switch
    {
        NotFoundException => text["UserNotFoundMessage"].Value,
        ConflictException => text["UserConflictMessage"].Value,
        _ => text["UserForbiddenMessage"].Value,
    };
}
