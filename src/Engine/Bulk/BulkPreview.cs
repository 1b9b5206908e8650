namespace AiPlusTasks.Engine.Bulk;

/// <summary>What a bulk job would do: how many items its filter selects now, and what would happen to the first of them.</summary>
/// <param name="Target">Instances or tasks.</param>
/// <param name="Total">How many items the filter selects.</param>
/// <param name="Items">The first items, each with what would happen to it.</param>
public sealed record BulkPreview(BulkTarget Target, int Total, IReadOnlyList<BulkPreviewItem> Items);

/// <summary>One item of a preview.</summary>
/// <param name="ItemId">The instance's or task's id.</param>
/// <param name="Label">What people call it: the task's title, the instance's workflow name.</param>
/// <param name="Status">Whether it would change, be skipped or fail.</param>
/// <param name="Reason">What would change, or why not.</param>
public sealed record BulkPreviewItem(string ItemId, BulkText Label, BulkItemStatus Status, BulkText? Reason);
