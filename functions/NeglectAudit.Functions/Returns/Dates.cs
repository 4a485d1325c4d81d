namespace NeglectAudit.Returns;

/// <summary>How pages, emails and notices show an instant: in UK time, marked GMT or BST (see <see cref="UkTime"/>).</summary>
public static class Dates
{
    /// <summary>"20 March 2026 at 5pm GMT".</summary>
    public static string Display(DateTimeOffset value) => UkTime.Display(value);

    /// <summary>"20 March 2026": for what falls due on a day (an action's due date) rather than at a time.</summary>
    public static string DisplayDate(DateTimeOffset value) => UkTime.DisplayDate(value);
}
