using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>
/// One kind of change a bulk job makes to each item it selected (docs/decisions/029): cancel, retry, skip, reassign,
/// extend the due date, migrate. The job runner previews and applies it item by item, as the job's creator. Every
/// implementation is registered as <see cref="IBulkOperation"/> and found by <see cref="Name"/>.
/// </summary>
public interface IBulkOperation
{
    /// <summary>The operation's name in the API (<c>cancel</c>, <c>retry</c>, <c>skip</c>, <c>reassign</c>, <c>extendDue</c>, <c>migrate</c>).</summary>
    string Name { get; }

    /// <summary>Whether its items are workflow instances or tasks.</summary>
    BulkTarget Target { get; }

    /// <summary>
    /// Checks, before a job is made, that the caller may run it and that its parameters are complete. Throws
    /// <c>ForbiddenException</c>, or <c>RequestValidationException</c> naming the field as <c>parameters.&lt;name&gt;</c>.
    /// </summary>
    void Validate(Caller caller, JsonObject parameters);

    /// <summary>What applying it would do to one item, changing nothing.</summary>
    Task<BulkItemOutcome> PreviewAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken);

    /// <summary>
    /// Applies it to one item. Must be safe to call again for an item it already changed (a job resumed after a crash
    /// repeats the item it was on): the second call changes nothing and answers <see cref="BulkItemStatus.Skipped"/>
    /// with the reason that it is already done, or <see cref="BulkItemStatus.Succeeded"/>.
    /// </summary>
    Task<BulkItemOutcome> ApplyAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken);
}

/// <summary>What a bulk job's items are.</summary>
public enum BulkTarget
{
    Instances,
    Tasks,
}

/// <summary>How one item of a bulk job ended (or, in a preview, would end).</summary>
public enum BulkItemStatus
{
    /// <summary>Changed (in a preview: would be changed).</summary>
    Succeeded,

    /// <summary>Left as it is, for a reason (already done, not in a state the operation applies to).</summary>
    Skipped,

    /// <summary>The change was refused or went wrong, for a reason.</summary>
    Failed,
}

/// <summary>One item's outcome; <paramref name="Reason"/> says why it was skipped or failed, or what changed, in both languages.</summary>
public sealed record BulkItemOutcome(BulkItemStatus Status, BulkText? Reason = null)
{
    public static BulkItemOutcome Succeeded(string zh, string en) => new(BulkItemStatus.Succeeded, new BulkText(zh, en));

    public static BulkItemOutcome Skipped(string zh, string en) => new(BulkItemStatus.Skipped, new BulkText(zh, en));

    public static BulkItemOutcome Failed(string zh, string en) => new(BulkItemStatus.Failed, new BulkText(zh, en));
}

/// <summary>A text for people, in Chinese and in English.</summary>
public sealed record BulkText(string Zh, string En);
