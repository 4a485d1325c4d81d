using System.Globalization;

namespace NeglectAudit.FaultHost;

/// <summary>Whether the host dies just before a side effect is attempted or just after it succeeded.</summary>
public enum FaultPhase
{
    Before,
    After,
}

/// <summary>
/// One place where the fault-injecting host kills itself: "before" or "after" the Nth occurrence
/// of a side effect, optionally only the ones made while a named activity runs. Written as
/// <c>after:email-sent@SendInvitation:3</c> (kill right after the 3rd invitation email was
/// accepted by the provider, before the outbox record of sending is written), or with a named
/// message kind, the same thing: <c>after:invitation-sent:3</c> (see <see cref="NamedEmails"/>).
/// Each kill point counts its own occurrences, from the start of the host process.
/// </summary>
public sealed record KillPoint(FaultPhase Phase, string SideEffect, string? Activity, int Occurrence)
{
    /// <summary>The side effects a kill point can name, each decorated by the fault-injecting host.</summary>
    public static readonly IReadOnlySet<string> SideEffects = new HashSet<string>(StringComparer.Ordinal)
    {
        SideEffectNames.EmailSent,
        SideEffectNames.TeamsSent,
        SideEffectNames.SentMarked,
        SideEffectNames.SubmissionStored,
        SideEffectNames.ReturnUpdated,
        SideEffectNames.FindingsStored,
        SideEffectNames.EventRaised,
        SideEffectNames.InvitationSent,
        SideEffectNames.ReminderSent,
        SideEffectNames.AlertSent,
    };

    /// <summary>
    /// Emails named by their kind: each is <see cref="SideEffectNames.EmailSent"/> while the activity
    /// that sends that kind runs (the provider accepted it; the record of sending is not yet written).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NamedEmails = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SideEffectNames.InvitationSent] = "SendInvitation",
        [SideEffectNames.ReminderSent] = "SendChaseStep",
        [SideEffectNames.AlertSent] = "SendAlert",
    };

    /// <summary>The activity this kill point is limited to, whether written after '@' or implied by a named email.</summary>
    public string? EffectiveActivity => NamedEmails.TryGetValue(SideEffect, out string? activity) ? activity : Activity;

    public bool Matches(FaultPhase phase, string sideEffect, string? activity)
    {
        if (Phase != phase)
        {
            return false;
        }

        if (NamedEmails.TryGetValue(SideEffect, out string? sender))
        {
            return sideEffect == SideEffectNames.EmailSent && string.Equals(sender, activity, StringComparison.Ordinal);
        }

        return SideEffect == sideEffect && (Activity is null || string.Equals(Activity, activity, StringComparison.Ordinal));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Phase == FaultPhase.Before ? "before" : "after")}:{SideEffect}{(Activity is null ? string.Empty : "@" + Activity)}:{Occurrence}");

    /// <summary>Parses a list separated by ';' or ','. Anything malformed is refused with a message.</summary>
    public static IReadOnlyList<KillPoint> ParseList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        return value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
    }

    public static KillPoint Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string[] parts = value.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            throw new FormatException($"Kill point '{value}' is not PHASE:SIDE-EFFECT[@ACTIVITY][:N], e.g. after:email-sent@SendInvitation:3 or before:reminder-sent:2.");
        }

        FaultPhase phase = parts[0] switch
        {
            "before" => FaultPhase.Before,
            "after" => FaultPhase.After,
            _ => throw new FormatException($"Kill point '{value}': the phase must be 'before' or 'after'."),
        };
        string[] target = parts[1].Split('@', 2);
        if (!SideEffects.Contains(target[0]))
        {
            throw new FormatException($"Kill point '{value}': '{target[0]}' is not one of {string.Join(", ", SideEffects.Order(StringComparer.Ordinal))}.");
        }

        int occurrence = 1;
        if (parts.Length == 3 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out occurrence) || occurrence < 1))
        {
            throw new FormatException($"Kill point '{value}': the occurrence must be a whole number from 1.");
        }

        string? activity = target.Length == 2 && target[1].Length > 0 ? target[1] : null;
        if (activity is not null && NamedEmails.TryGetValue(target[0], out string? sender))
        {
            throw new FormatException($"Kill point '{value}': '{target[0]}' already means email-sent@{sender}; leave out '@{activity}'.");
        }

        return new KillPoint(phase, target[0], activity, occurrence);
    }
}

/// <summary>The names of the side effects that kill points can name.</summary>
public static class SideEffectNames
{
    /// <summary>An email accepted by the email provider (SendGrid or the local outbox).</summary>
    public const string EmailSent = "email-sent";

    /// <summary>A Teams notice accepted by Graph or the local outbox.</summary>
    public const string TeamsSent = "teams-sent";

    /// <summary>The record that a notification was sent (the dedupe row), written after the provider accepted.</summary>
    public const string SentMarked = "sent-marked";

    /// <summary>A submitted return's answers and state stored (only successful stores count "after").</summary>
    public const string SubmissionStored = "submission-stored";

    /// <summary>A return's state replaced (invited, closed), only successful replacements count "after".</summary>
    public const string ReturnUpdated = "return-updated";

    /// <summary>A findings pack stored.</summary>
    public const string FindingsStored = "findings-stored";

    /// <summary>An external event raised to an orchestration (ReturnSubmitted, an alert's Acknowledged, any later ones).</summary>
    public const string EventRaised = "event-raised";

    /// <summary>An invitation email accepted by the provider: email-sent while SendInvitation runs.</summary>
    public const string InvitationSent = "invitation-sent";

    /// <summary>A chase email (reminder, overdue, escalation, final notice) accepted: email-sent while SendChaseStep runs.</summary>
    public const string ReminderSent = "reminder-sent";

    /// <summary>A right-now alert or re-alert email accepted: email-sent while SendAlert runs.</summary>
    public const string AlertSent = "alert-sent";
}
