namespace AiPlusTasks.Engine.Audit;

/// <summary>
/// What a walk of the audit trail's hash chain found (<see cref="AuditSealer.VerifyAsync"/>).
/// </summary>
/// <param name="Intact">Every sealed line is as it was sealed, none is missing, none moved.</param>
/// <param name="Checked">How many sealed lines were checked before the first broken link (all of them when intact).</param>
/// <param name="Unsealed">Lines written but not linked yet (none right after a verify on one node: it seals first).</param>
/// <param name="HeadSequence">The last line checked: its sequence (null on an empty trail).</param>
/// <param name="HeadHash">The last line checked: its hash; note it somewhere else to notice a cut-off end later.</param>
/// <param name="Break">The first broken link, when there is one.</param>
public sealed record AuditVerification(bool Intact, long Checked, long Unsealed, long? HeadSequence, string? HeadHash, AuditBreak? Break);

/// <summary>The first broken link of the chain.</summary>
/// <param name="Sequence">The sequence where the chain breaks (for a deleted line: the missing sequence).</param>
/// <param name="EntryId">The stored line at (or, for a deleted one, right after) the break.</param>
/// <param name="Kind"><see cref="AuditBreakKinds"/>: <c>edited</c>, <c>deleted</c> or <c>reordered</c>.</param>
/// <param name="Message">What does not match, in words (English; the page says it in the reader's language).</param>
public sealed record AuditBreak(long Sequence, long EntryId, string Kind, string Message);
