using System.Threading.Channels;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Audit;

/// <summary>
/// Links the audit trail's lines into one hash chain and checks it (docs/decisions/032). Writers only insert lines; the
/// sealer takes the unsealed ones in id order and gives each the next sequence, the previous line's hash and its own
/// hash, one sealer at a time: in this process by a lock, across nodes on PostgreSQL by a transaction-scoped advisory
/// lock (<see cref="SharedLock.AuditSeal"/>). SQLite has one node: there the batch is written by <c>SaveChanges</c>'
/// own transaction (writers only insert unsealed lines, which the next batch takes).
/// </summary>
public sealed class AuditSealer(IDbContextFactory<WorkflowDbContext> dbFactory) : IDisposable
{
    private const int Batch = 500;

    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Dispose() => _gate.Dispose();

    /// <summary>Tells the background sealer that lines were written.</summary>
    public void Poke() => _pending.Writer.TryWrite(true);

    /// <summary>Completes when <see cref="Poke"/> was called (at once if it was since the last wait).</summary>
    internal async Task WaitForWorkAsync(CancellationToken cancellationToken) => await _pending.Reader.ReadAsync(cancellationToken);

    /// <summary>Seals every line written so far; returns how many it sealed.</summary>
    public async Task<int> SealAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var sealedLines = 0;
            while (true)
            {
                var count = await SealBatchAsync(cancellationToken);
                sealedLines += count;
                if (count < Batch)
                {
                    return sealedLines;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> SealBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await SharedWork.BeginLockingTransactionAsync(db, cancellationToken);
        await SharedWork.LockForTransactionAsync(db, SharedLock.AuditSeal, cancellationToken);

        var pending = await db.AuditEntries.Where(a => a.Sequence == null).OrderBy(a => a.Id).Take(Batch).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var head = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditChain.Genesis;
        foreach (var line in pending)
        {
            line.Sequence = ++sequence;
            line.PreviousHash = previous;
            line.Hash = AuditChain.Hash(line, previous);
            previous = line.Hash;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return pending.Count;
    }

    /// <summary>
    /// Seals what is pending, then walks the chain from the first line and reports the first broken link: a missing
    /// sequence (a deleted line), a line that does not link to the one before (moved, or the one before replaced), or a
    /// line whose content no longer gives its hash (edited). Reads the chain in batches, never all of it at once.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await SealAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unsealed = await db.AuditEntries.LongCountAsync(a => a.Sequence == null, cancellationToken);
        long expected = 1;
        long? headSequence = null;
        var previous = AuditChain.Genesis;
        while (true)
        {
            var after = expected - 1;
            var lines = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence > after).OrderBy(a => a.Sequence).Take(Batch).ToListAsync(cancellationToken);
            foreach (var line in lines)
            {
                if (Check(line, expected, previous) is { } broken)
                {
                    return new AuditVerification(false, expected - 1, unsealed, headSequence, headSequence is null ? null : previous, broken);
                }

                headSequence = expected++;
                previous = line.Hash!;
            }

            if (lines.Count < Batch)
            {
                return new AuditVerification(true, expected - 1, unsealed, headSequence, headSequence is null ? null : previous, null);
            }
        }
    }

    private static AuditBreak? Check(AuditRecord line, long expected, string previous)
    {
        if (line.Sequence != expected)
        {
            var missing = line.Sequence - expected == 1 ? $"sequence {expected} is" : $"sequences {expected}–{line.Sequence - 1} are";
            return new AuditBreak(expected, line.Id, AuditBreakKinds.Deleted, $"{missing} missing before entry {line.Id} (sequence {line.Sequence}): deleted");
        }

        if (line.PreviousHash != previous)
        {
            return new AuditBreak(expected, line.Id, AuditBreakKinds.Reordered,
                $"entry {line.Id} (sequence {expected}) does not link to the entry before it: moved, or the entry before was replaced");
        }

        return AuditChain.Hash(line, previous) == line.Hash
            ? null
            : new AuditBreak(expected, line.Id, AuditBreakKinds.Edited, $"entry {line.Id} (sequence {expected}) is not what was sealed: its content was edited");
    }
}
