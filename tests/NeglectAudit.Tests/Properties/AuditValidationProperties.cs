using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NeglectAudit.Calendar;
using NeglectAudit.Common;

namespace NeglectAudit.Tests.Properties;

/// <summary>
/// The calendar entry's validation (what POST api/audits checks) over thousands of generated
/// entries, nulls included as JSON may carry them: it never throws, and an entry it lets through
/// keeps every rule; a valid entry with any one rule broken is refused.
/// </summary>
public sealed class AuditValidationProperties
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<string> KnownAgencies = new HashSet<string>(StringComparer.Ordinal) { "csc", "police", "health-visiting" };
    private static readonly HashSet<string> KnownQuestionSets = new HashSet<string>(StringComparer.Ordinal) { "neglect-v1" };

    private static Audit Valid => new(
        "neglect-2026-q1",
        "The effectiveness of interventions for cases of neglect",
        "Neglect",
        "neglect-v1",
        Start,
        Start.AddDays(14),
        Start.AddDays(21),
        [new AuditCase("NA-2026-01", ["csc", "police"]), new AuditCase("NA-2026-02", ["csc", "health-visiting"])],
        [new Contact("Audit Coordinator", "coordinator@example.org")]);

    [Property(MaxTest = 3000, Arbitrary = [typeof(Entries)])]
    public bool Any_entry_gets_field_errors_or_keeps_every_rule_and_never_an_exception(Audit audit)
    {
        IReadOnlyList<FieldError> errors = AuditValidation.Validate(audit, KnownAgencies, KnownQuestionSets);
        return errors.Count > 0
            ? errors.All(e => !string.IsNullOrWhiteSpace(e.Field) && !string.IsNullOrWhiteSpace(e.Message))
            : KeepsEveryRule(audit);
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(Entries)])]
    public bool A_valid_entry_with_one_rule_broken_is_refused(BrokenEntry broken) =>
        AuditValidation.Validate(broken.Audit, KnownAgencies, KnownQuestionSets).Count > 0;

    private static bool KeepsEveryRule(Audit a) =>
        Identifiers.IsValid(a.AuditId)
        && !string.IsNullOrWhiteSpace(a.Title) && a.Title.Length <= AuditValidation.MaxTitleLength
        && !string.IsNullOrWhiteSpace(a.Theme) && a.Theme.Length <= AuditValidation.MaxTitleLength
        && KnownQuestionSets.Contains(a.QuestionSetId)
        && a.Deadline > a.StartsAt
        && (a.MeetingOn is null || a.MeetingOn >= a.Deadline)
        && a.Cases is { Count: > 0 and <= AuditValidation.MaxCases }
        && a.Cases.Select(c => c.CaseRef).Distinct(StringComparer.OrdinalIgnoreCase).Count() == a.Cases.Count
        && a.Cases.All(c => Identifiers.IsValid(c.CaseRef)
            && c.AgencyIds is { Count: > 0 and <= AuditValidation.MaxAgenciesPerCase }
            && c.AgencyIds.All(KnownAgencies.Contains)
            && c.AgencyIds.Distinct(StringComparer.OrdinalIgnoreCase).Count() == c.AgencyIds.Count)
        && a.Coordinators is { Count: > 0 }
        && a.Coordinators.All(ContactValidation.IsValid);

    public sealed record BrokenEntry(Audit Audit, string How)
    {
        public override string ToString() => How;
    }

    public static class Entries
    {
        private static readonly Gen<string> Id = Gen.Frequency(
            (4, Gen.Elements("neglect-2026-q1", "a", "A-1", "x" + new string('1', 39), "NA-2026-01", "csc", "police", "health-visiting", "CSC")),
            (3, HostileText.Any(Identifiers.MaxLength)),
            (1, Gen.Constant<string>(null!)));

        private static readonly Gen<DateTimeOffset> When = Gen.Choose(-30, 60).Select(d => Start.AddDays(d));

        private static readonly Gen<Contact> Coordinator = Gen.Zip(
                Gen.Frequency((3, Gen.Constant("Audit Coordinator")), (2, HostileText.Any(200)), (1, Gen.Constant<string>(null!))),
                Gen.Frequency((3, Gen.Elements("coordinator@example.org", "a@b.co")), (3, HostileText.Any(254)), (1, Gen.Constant<string>(null!))))
            .Select(t => new Contact(t.Item1, t.Item2));

        private static readonly Gen<AuditCase> Case = Gen.Zip(
                Id,
                Gen.Frequency<List<string>?>((5, Gen.ListOf(Id, 4).Select(l => (List<string>?)l.ToList())), (1, Gen.ListOf(Id, 25).Select(l => (List<string>?)l.ToList())), (1, Gen.Constant<List<string>?>(null))))
            .Select(t => new AuditCase(t.Item1, t.Item2!));

        /// <summary>A coordinator as JSON may carry it: now and then null.</summary>
        private static readonly Gen<Contact> CoordinatorOrNull = Gen.Frequency((12, Coordinator), (1, Gen.Constant<Contact>(null!)));

        public static Arbitrary<Audit> Audit() => Arb.From(
            from id in Id
            from title in Gen.Frequency((3, Gen.Constant(Valid.Title)), (3, HostileText.Any(AuditValidation.MaxTitleLength)), (1, Gen.Constant<string>(null!)))
            from theme in Gen.Frequency((3, Gen.Constant("Neglect")), (2, HostileText.Any(AuditValidation.MaxTitleLength)), (1, Gen.Constant<string>(null!)))
            from questionSet in Gen.Frequency((4, Gen.Constant("neglect-v1")), (2, HostileText.Any()), (1, Gen.Constant<string>(null!)))
            from starts in When
            from deadline in When
            from meeting in Gen.Frequency((2, When.Select(d => (DateTimeOffset?)d)), (1, Gen.Constant<DateTimeOffset?>(null)))
            from cases in Gen.Frequency<List<AuditCase>?>((6, Gen.ListOf(Case, 6).Select(l => (List<AuditCase>?)l.ToList())), (1, Gen.ListOf(Case, AuditValidation.MaxCases + 5).Select(l => (List<AuditCase>?)l.ToList())), (1, Gen.Constant<List<AuditCase>?>(null)))
            from coordinators in Gen.Frequency<List<Contact>?>((5, Gen.ListOf(CoordinatorOrNull, 3).Select(l => (List<Contact>?)l.ToList())), (1, Gen.Constant<List<Contact>?>(null)))
            select new Audit(id, title, theme, questionSet, starts, deadline, meeting, cases!, coordinators!));

        public static Arbitrary<BrokenEntry> BrokenEntry() => Arb.From(Gen.OneOf(
            Id.Where(i => !Identifiers.IsValid(i)).Select(i => new BrokenEntry(Valid with { AuditId = i }, $"audit id {i}")),
            HostileText.Any(AuditValidation.MaxTitleLength).Where(t => string.IsNullOrWhiteSpace(t) || t.Length > AuditValidation.MaxTitleLength).Select(t => new BrokenEntry(Valid with { Title = t }, "title blank or long")),
            HostileText.Any().Where(q => q != "neglect-v1").Select(q => new BrokenEntry(Valid with { QuestionSetId = q }, $"question set {q}")),
            Gen.Choose(-20, 0).Select(d => new BrokenEntry(Valid with { Deadline = Start.AddDays(d) }, $"deadline {d} days from the start")),
            Gen.Choose(-20, 13).Select(d => new BrokenEntry(Valid with { MeetingOn = Start.AddDays(d) }, $"meeting {d} days from the start")),
            Gen.Constant(new BrokenEntry(Valid with { Cases = [] }, "no cases")),
            Gen.Constant(new BrokenEntry(Valid with { Cases = [.. Enumerable.Range(0, AuditValidation.MaxCases + 1).Select(i => new AuditCase($"C-{i}", ["csc"]))] }, "too many cases")),
            Id.Where(i => i is not null && !KnownAgencies.Contains(i)).Select(a => new BrokenEntry(Valid with { Cases = [new AuditCase("NA-1", ["csc", a])] }, $"agency {a}")),
            Gen.Constant(new BrokenEntry(Valid with { Cases = [new AuditCase("NA-1", ["csc"]), new AuditCase("na-1", ["police"])] }, "case listed twice")),
            Gen.Constant(new BrokenEntry(Valid with { Cases = [new AuditCase("NA-1", ["csc", "csc"])] }, "agency listed twice")),
            Gen.Constant(new BrokenEntry(Valid with { Coordinators = [] }, "no coordinators")),
            HostileText.Any(254).Where(e => !ContactValidation.IsEmail(e)).Select(e => new BrokenEntry(Valid with { Coordinators = [new Contact("C", e)] }, $"coordinator email {e}"))));
    }
}
