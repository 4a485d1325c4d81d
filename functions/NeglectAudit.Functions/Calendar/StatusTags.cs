namespace NeglectAudit.Calendar;

/// <summary>The colour of an audit's status tag, the same on every page that shows it.</summary>
public static class StatusTags
{
    public static TagColour Of(AuditStatus status) => status switch
    {
        AuditStatus.Scheduled => TagColour.Grey,
        AuditStatus.Starting or AuditStatus.Running => TagColour.Blue,
        AuditStatus.Compiled => TagColour.Green,
        _ => TagColour.Red,
    };
}
