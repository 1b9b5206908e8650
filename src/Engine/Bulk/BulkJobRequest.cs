using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>A bulk job to preview or make.</summary>
/// <param name="Operation">The operation's name (<c>cancel</c>, <c>reassign</c>, <c>retry</c>, <c>skip</c>, <c>extendDue</c>, <c>migrate</c>).</param>
/// <param name="Filter">Which items; the operation says whether they are instances or tasks.</param>
/// <param name="Parameters">The operation's parameters (e.g. <c>{"agency":"hubei"}</c> for <c>reassign</c>).</param>
/// <param name="ExpectedCount">
/// To make a job: the count its preview showed. When the selection has since changed by more than a tenth (at least one
/// item), the job is refused with 409 so the planner previews again.
/// </param>
public sealed record BulkJobRequest(string? Operation, BulkFilter? Filter, JsonObject? Parameters, int? ExpectedCount = null);
