namespace NeglectAudit.Calendar;

/// <summary>The audit calendar: every entry, with what can still be changed.</summary>
public sealed record CalendarView(IReadOnlyList<Audit> Audits, SignedInPerson? SignedIn);

/// <summary>The CSV import form, again with what was wrong when nothing was imported.</summary>
public sealed record CalendarImportView(IReadOnlyList<string> Columns, IReadOnlyList<FieldError> Errors, SignedInPerson? SignedIn);

/// <summary>The calendar entry form: where it posts, the entry (null for a new one), and the choices it offers.</summary>
public sealed record CalendarEntryView(string Action, Audit? Audit, bool IsNew, IReadOnlyList<Agency> Agencies, IReadOnlyList<Returns.QuestionSetChoice> QuestionSets, IReadOnlyList<FieldError> Errors, SignedInPerson? SignedIn)
{
    /// <summary>The form as posted, when it was refused: the page shows back exactly what was typed, even what could not be read.</summary>
    public PostedForm? Posted { get; init; }
}

/// <summary>The agency directory.</summary>
public sealed record AgencyListView(IReadOnlyList<Agency> Agencies, SignedInPerson? SignedIn);

/// <summary>The agency form: where it posts, the agency as entered (null for a new one), and what was wrong.</summary>
public sealed record AgencyFormView(string Action, Agency? Agency, bool IsNew, IReadOnlyList<FieldError> Errors, SignedInPerson? SignedIn);
