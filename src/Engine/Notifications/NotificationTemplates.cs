using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// The texts notifications are written from: one per kind × channel × language, built in
/// (<see cref="DefaultNotificationTemplates"/>) unless NDRC changed it. NDRC planners and supervisors list, change,
/// preview and reset them; anyone else is refused. A change applies to notifications made after it.
/// </summary>
public sealed class NotificationTemplates(IDbContextFactory<WorkflowDbContext> dbFactory, SmsText smsText, TimeProvider time, AuditTrail audit)
{
    /// <summary>Longest subject.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>Longest body.</summary>
    public const int MaxBodyLength = 4000;

    /// <summary>The values a preview renders with: a sample task of Guangdong's.</summary>
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string?>> SampleValues = new()
    {
        [NotificationLanguages.Chinese] = new Dictionary<string, string?>
        {
            ["title"] = "人工智能+制造业应用中试基地建设",
            ["agency"] = "广东省",
            ["due"] = "2026年12月31日 18:00",
            ["reason"] = "佐证材料不完整，请补充试点验收报告",
            ["message"] = "请于本周内报送进展",
            ["link"] = "https://aiplus.example.gov.cn/tasks/tsk_sample",
            ["count"] = "3",
            ["items"] = "· 人工智能+制造业应用中试基地建设（12月31日到期）\n· 智能终端普及率监测（已逾期）\n· 算力调度平台试点（被退回）",
        },
        [NotificationLanguages.English] = new Dictionary<string, string?>
        {
            ["title"] = "AI+ manufacturing pilot base",
            ["agency"] = "Guangdong Province",
            ["due"] = "2026-12-31 18:00",
            ["reason"] = "The evidence is incomplete; add the pilot's acceptance report",
            ["message"] = "Please report progress this week",
            ["link"] = "https://aiplus.example.gov.cn/tasks/tsk_sample",
            ["count"] = "3",
            ["items"] = "· AI+ manufacturing pilot base (due 31 Dec)\n· Intelligent terminal adoption monitoring (overdue)\n· Compute scheduling pilot (returned)",
        },
    };

    /// <summary>Every template (kinds in order, then channels, then languages), as in force.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner or supervisor.</exception>
    public async Task<IReadOnlyList<NotificationTemplateView>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        RequireEditor(caller);
        var overrides = await LoadOverridesAsync(cancellationToken);
        return [.. from kind in NotificationKinds.All
                   from channel in NotificationChannels.All
                   from language in NotificationLanguages.All
                   select View(kind, channel, language, overrides.GetValueOrDefault((kind, channel, language)))];
    }

    /// <summary>Changes a template; returns it as now in force.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner or supervisor (checked first).</exception>
    /// <exception cref="NotFoundException">No such kind, channel or language.</exception>
    /// <exception cref="RequestValidationException">
    /// <c>subject</c> missing (in-app, e-mail), given for SMS, too long or with an unknown placeholder; <c>body</c> missing,
    /// too long, with an unknown placeholder, or (SMS) more parts than the SMS rules allow (<see cref="SmsText"/>, signature
    /// included) when rendered with the sample task.
    /// </exception>
    public async Task<NotificationTemplateView> SaveAsync(Caller caller, string kind, string channel, string language, NotificationTemplateInput input, CancellationToken cancellationToken = default)
    {
        RequireEditor(caller);
        RequireTemplate(kind, channel, language);
        Validate(channel, language, input.Subject, input.Body);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.NotificationTemplates.SingleOrDefaultAsync(t => t.Kind == kind && t.Channel == channel && t.Language == language, cancellationToken);
        if (record is null)
        {
            record = new NotificationTemplateRecord { Kind = kind, Channel = channel, Language = language, Body = "", UpdatedBy = caller.Name };
            db.NotificationTemplates.Add(record);
        }

        var before = View(kind, channel, language, record.Body.Length == 0 ? null : record);

        record.Subject = channel == NotificationChannels.Sms ? null : input.Subject!.Trim();
        record.Body = input.Body!.Trim();
        record.UpdatedBy = caller.Name;
        record.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var after = View(kind, channel, language, record);
        await audit.RecordAsync(
            caller, AuditActions.NotificationTemplate, $"{kind}/{channel}/{language}", $"before: {before.Subject} | {before.Body}; after: {after.Subject} | {after.Body}",
            cancellationToken: CancellationToken.None);
        return after;
    }

    /// <summary>Brings the built-in text back (no change when it is in force already); returns it.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner or supervisor (checked first).</exception>
    /// <exception cref="NotFoundException">No such kind, channel or language.</exception>
    public async Task<NotificationTemplateView> ResetAsync(Caller caller, string kind, string channel, string language, CancellationToken cancellationToken = default)
    {
        RequireEditor(caller);
        RequireTemplate(kind, channel, language);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.NotificationTemplates.Where(t => t.Kind == kind && t.Channel == channel && t.Language == language).ExecuteDeleteAsync(cancellationToken) > 0)
        {
            await audit.RecordAsync(caller, AuditActions.NotificationTemplateReset, $"{kind}/{channel}/{language}", cancellationToken: CancellationToken.None);
        }

        return View(kind, channel, language, null);
    }

    /// <summary>Renders a template (the text given, else the one in force) with a sample task.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner or supervisor (checked first).</exception>
    /// <exception cref="RequestValidationException">
    /// <c>kind</c>, <c>channel</c> or <c>language</c> unknown; the text is invalid as for <see cref="SaveAsync"/>.
    /// </exception>
    public async Task<NotificationPreview> PreviewAsync(Caller caller, NotificationPreviewRequest request, CancellationToken cancellationToken = default)
    {
        RequireEditor(caller);
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is null || !NotificationKinds.All.Contains(request.Kind))
        {
            errors["kind"] = [$"kind must be one of {string.Join(", ", NotificationKinds.All)}"];
        }

        if (request.Channel is null || !NotificationChannels.All.Contains(request.Channel))
        {
            errors["channel"] = [$"channel must be one of {string.Join(", ", NotificationChannels.All)}"];
        }

        if (request.Language is null || !NotificationLanguages.All.Contains(request.Language))
        {
            errors["language"] = [$"language must be one of {string.Join(", ", NotificationLanguages.All)}"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var overrides = await LoadOverridesAsync(cancellationToken);
        var inForce = View(request.Kind!, request.Channel!, request.Language!, overrides.GetValueOrDefault((request.Kind!, request.Channel!, request.Language!)));
        var subject = request.Channel == NotificationChannels.Sms ? null : request.Subject ?? inForce.Subject;
        var body = request.Body ?? inForce.Body;
        Validate(request.Channel!, request.Language!, subject, body);
        var values = SampleValues[request.Language!];
        var renderedBody = NotificationText.Render(body.Trim(), values);
        return new NotificationPreview(
            subject is null ? null : NotificationText.Render(subject.Trim(), values),
            renderedBody,
            request.Channel == NotificationChannels.Sms ? smsText.Measure(renderedBody).Length : renderedBody.Length,
            request.Channel == NotificationChannels.Sms ? smsText.Measure(renderedBody).Segments : null);
    }

    /// <summary>The templates NDRC changed, by kind, channel and language.</summary>
    internal async Task<Dictionary<(string Kind, string Channel, string Language), NotificationTemplateRecord>> LoadOverridesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.NotificationTemplates.AsNoTracking().ToDictionaryAsync(t => (t.Kind, t.Channel, t.Language), cancellationToken);
    }

    /// <summary>The template in force: the override when there is one, else the built-in text.</summary>
    internal static NotificationTemplateView View(string kind, string channel, string language, NotificationTemplateRecord? changed)
    {
        if (changed is not null)
        {
            return new NotificationTemplateView(kind, channel, language, changed.Subject, changed.Body, false, changed.UpdatedBy, changed.UpdatedAt);
        }

        var (subject, body) = DefaultNotificationTemplates.Get(kind, channel, language);
        return new NotificationTemplateView(kind, channel, language, subject, body, true, null, null);
    }

    private static void RequireEditor(Caller caller)
    {
        if (!caller.IsNdrcStaff || caller.IsSystem)
        {
            throw new ForbiddenException("only NDRC planners and supervisors manage notification templates");
        }
    }

    private static void RequireTemplate(string kind, string channel, string language)
    {
        if (!NotificationKinds.All.Contains(kind) || !NotificationChannels.All.Contains(channel) || !NotificationLanguages.All.Contains(language))
        {
            throw new NotFoundException($"there is no notification template {kind}/{channel}/{language}");
        }
    }

    private void Validate(string channel, string language, string? subject, string? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (channel == NotificationChannels.Sms)
        {
            if (subject is not null)
            {
                errors["subject"] = ["an SMS has no subject; leave it out"];
            }
        }
        else if (string.IsNullOrWhiteSpace(subject))
        {
            errors["subject"] = ["give a subject"];
        }
        else if (subject.Trim().Length > MaxSubjectLength)
        {
            errors["subject"] = [$"a subject has at most {MaxSubjectLength} characters"];
        }
        else if (NotificationText.UnknownPlaceholders(subject) is [_, ..] unknownInSubject)
        {
            errors["subject"] = [UnknownPlaceholderError(unknownInSubject)];
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            errors["body"] = ["give a text"];
        }
        else if (body.Trim().Length > MaxBodyLength)
        {
            errors["body"] = [$"a text has at most {MaxBodyLength} characters"];
        }
        else if (NotificationText.UnknownPlaceholders(body) is [_, ..] unknownInBody)
        {
            errors["body"] = [UnknownPlaceholderError(unknownInBody)];
        }
        else if (channel == NotificationChannels.Sms && smsText.Measure(NotificationText.Render(body.Trim(), SampleValues[language])) is var measure && measure.Segments > smsText.MaxSegments)
        {
            errors["body"] = [$"with the sample task the SMS (signature included) takes {measure.Segments} messages ({measure.Length} characters); at most {smsText.MaxSegments} are sent"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    private static string UnknownPlaceholderError(IReadOnlyList<string> unknown) =>
        $"unknown placeholder {string.Join(", ", unknown.Select(p => "{" + p + "}"))}; placeholders: {string.Join(" ", NotificationText.Placeholders.Select(p => "{" + p + "}"))}";
}
