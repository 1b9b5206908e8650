using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Reviews;

/// <summary>
/// A review's state as its activity keeps it in memory (the review row, its reviewers' rows and their tasks' bookmarks),
/// loaded for one burst; it records what the burst changes and hands it over as one <see cref="ReviewEffects.Written"/>.
/// The memory is what decides; the rows mirror it for people and the API.
/// </summary>
internal sealed class ReviewLedger
{
    private const string ReviewKey = "review";
    private const string ReviewersKey = "reviewers";
    private const string BookmarksKey = "bookmarks";

    private readonly bool _isNew;
    private readonly HashSet<ReviewParticipantRecord> _new = [];
    private readonly HashSet<ReviewParticipantRecord> _changed = [];
    private readonly List<ReviewEvent> _events = [];
    private bool _reviewChanged;

    private ReviewLedger(ReviewRecord review, List<ReviewParticipantRecord> reviewers, Dictionary<string, string> bookmarks, bool isNew)
    {
        Review = review;
        Reviewers = reviewers;
        Bookmarks = bookmarks;
        _isNew = isNew;
    }

    public ReviewRecord Review { get; }

    /// <summary>The reviewers in order of position.</summary>
    public List<ReviewParticipantRecord> Reviewers { get; }

    /// <summary>The bookmark of each reviewer's open task, by reviewer id.</summary>
    public Dictionary<string, string> Bookmarks { get; }

    /// <summary>The rule of the review.</summary>
    public ReviewRule Rule => new(Review.Mode, Review.RequiredCount, Review.RequiredShare);

    /// <summary>A new review (its rows are inserted).</summary>
    public static ReviewLedger Start(ReviewRecord review) => new(review, [], [], isNew: true);

    /// <summary>The review kept in <paramref name="memory"/>.</summary>
    public static ReviewLedger Load(JsonObject memory) => new(
        memory[ReviewKey].Deserialize<ReviewRecord>()!,
        memory[ReviewersKey].Deserialize<List<ReviewParticipantRecord>>()!,
        memory[BookmarksKey].Deserialize<Dictionary<string, string>>()!,
        isNew: false);

    /// <summary>The reviewer whose task's bookmark this is; null when none.</summary>
    public ReviewParticipantRecord? ReviewerOf(Bookmark bookmark) =>
        Bookmarks.FirstOrDefault(b => b.Value == bookmark.Id).Key is { } id ? Reviewers.Find(r => r.Id == id) : null;

    /// <summary>Adds a reviewer (in the last position).</summary>
    public ReviewParticipantRecord Add(ReviewParticipantRecord reviewer)
    {
        reviewer.Position = Reviewers.Count == 0 ? 1 : Reviewers.Max(r => r.Position) + 1;
        Reviewers.Add(reviewer);
        _new.Add(reviewer);
        return reviewer;
    }

    /// <summary>Marks a reviewer changed (its row is written with a new version).</summary>
    public void Changed(ReviewParticipantRecord reviewer)
    {
        if (!_new.Contains(reviewer) && _changed.Add(reviewer))
        {
            reviewer.ConcurrencyVersion++;
        }
    }

    /// <summary>Marks the review's row changed.</summary>
    public void ReviewChanged()
    {
        if (!_isNew && !_reviewChanged)
        {
            _reviewChanged = true;
            Review.ConcurrencyVersion++;
        }
    }

    /// <summary>Adds an event about <paramref name="reviewer"/> (or the review), for the owner's and the reviewer's agencies.</summary>
    public void Event(string type, ReviewParticipantRecord? reviewer, JsonObject? extra = null)
    {
        var data = new JsonObject
        {
            ["reviewId"] = Review.Id,
            ["instanceId"] = Review.InstanceId,
            ["title"] = Review.Title,
            ["titleEn"] = Review.TitleEn ?? Review.Title,
            ["mode"] = Review.Mode,
            ["state"] = Review.State,
        };
        if (reviewer is not null)
        {
            data["reviewer"] = new JsonObject
            {
                ["id"] = reviewer.Id,
                ["agency"] = reviewer.AgencyCode,
                ["role"] = reviewer.Role,
                ["user"] = reviewer.UserName,
                ["state"] = reviewer.State,
                ["taskId"] = reviewer.TaskId,
            };
        }

        foreach (var (key, value) in extra ?? [])
        {
            data[key] = value?.DeepClone();
        }

        IEnumerable<string> agencies = reviewer is null
            ? [Review.OwnerAgencyCode, .. Reviewers.Select(r => r.AgencyCode)]
            : [Review.OwnerAgencyCode, reviewer.AgencyCode];
        _events.Add(new ReviewEvent(type, data, [.. agencies.Distinct(StringComparer.Ordinal)]));
    }

    /// <summary>Keeps the state in <paramref name="memory"/> and returns the burst's changes as one effect.</summary>
    public ReviewEffects.Written Save(JsonObject memory)
    {
        memory[ReviewKey] = JsonSerializer.SerializeToNode(Review);
        memory[ReviewersKey] = JsonSerializer.SerializeToNode(Reviewers);
        memory[BookmarksKey] = JsonSerializer.SerializeToNode(Bookmarks);

        // The effect gets copies: the memory above is what later bursts read, and the rows go to the writer as they are now.
        return new ReviewEffects.Written(
            memory[ReviewKey].Deserialize<ReviewRecord>()!,
            _isNew,
            _reviewChanged,
            [.. Reviewers.Where(_new.Contains).Select(Copy)],
            [.. Reviewers.Where(_changed.Contains).Select(Copy)],
            [.. _events]);
    }

    private static ReviewParticipantRecord Copy(ReviewParticipantRecord reviewer) => JsonSerializer.SerializeToNode(reviewer).Deserialize<ReviewParticipantRecord>()!;
}
