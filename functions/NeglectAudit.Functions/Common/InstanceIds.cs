namespace NeglectAudit.Common;

/// <summary>
/// Deterministic Durable instance ids, so that starting anything twice is harmless. An id is a
/// kind, then the identifiers it is made of, joined by <see cref="Separator"/>: identifiers are
/// letters, digits and hyphens only (<see cref="Identifiers"/>), so they can never contain it and
/// two different tuples can never give the same id (<see cref="TryParse"/> reads them back).
/// </summary>
/// <remarks>
/// Before this scheme the parts were joined with <c>-</c>, which ids may contain (audit <c>x</c> +
/// case <c>y-1</c> and audit <c>x-y</c> + case <c>1</c> gave the same id). Instances started under
/// that scheme keep their ids until they are purged: <see cref="Legacy"/> names them, and
/// <see cref="DurableInstances"/> finds an instance under either id. See docs/OPERATIONS.md.
/// </remarks>
public static class InstanceIds
{
    public const char Separator = '_';

    /// <summary>The kinds of instance, each the first part of its ids.</summary>
    public const string Audit = "audit";
    public const string Return = "return";
    public const string Risk = "risk";
    public const string Action = "action";
    public const string Findings = "findings";

    public static IReadOnlyList<string> Kinds { get; } = [Audit, Return, Risk, Action, Findings];

    public static string ForAudit(string auditId) => Join(Audit, auditId);

    public static string ForReturn(string auditId, string caseRef, string agencyId) => Join(Return, auditId, caseRef, agencyId);

    public static string ForRisk(string auditId, string caseRef, string agencyId, int answerVersion) =>
        Join(Risk, auditId, caseRef, agencyId, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"v{answerVersion}"));

    public static string ForAction(string auditId, string actionId) => Join(Action, auditId, actionId);

    public static string ForFindings(string auditId) => Join(Findings, auditId);

    /// <summary>
    /// The id of a return's instance as its audit's cycle names it: a cycle started under the old
    /// scheme keeps naming its returns the old way, so that its replay schedules the same
    /// sub-orchestrations it scheduled before the upgrade.
    /// </summary>
    public static string ForReturnOfCycle(string cycleInstanceId, string auditId, string caseRef, string agencyId)
    {
        ArgumentNullException.ThrowIfNull(cycleInstanceId);
        return cycleInstanceId == Legacy.ForAudit(auditId) ? Legacy.ForReturn(auditId, caseRef, agencyId) : ForReturn(auditId, caseRef, agencyId);
    }

    /// <summary>The kind and the identifiers of an id of this scheme; false for anything else (old-scheme ids included).</summary>
    public static bool TryParse(string? instanceId, out string kind, out IReadOnlyList<string> parts)
    {
        kind = string.Empty;
        parts = [];
        if (instanceId is null)
        {
            return false;
        }

        string[] split = instanceId.Split(Separator);
        if (split.Length < 2 || !Kinds.Contains(split[0], StringComparer.Ordinal) || !split.Skip(1).All(Identifiers.IsValid))
        {
            return false;
        }

        kind = split[0];
        parts = split[1..];
        return true;
    }

    /// <summary>The audit an id of this scheme belongs to, or null.</summary>
    public static string? AuditOf(string? instanceId) => TryParse(instanceId, out _, out IReadOnlyList<string> parts) ? parts[0] : null;

    private static string Join(string kind, params ReadOnlySpan<string> parts)
    {
        var id = new System.Text.StringBuilder(kind);
        foreach (string part in parts)
        {
            if (!Identifiers.IsValid(part))
            {
                throw new ArgumentException($"An instance id is made of identifiers; '{part}' is not one. " + Identifiers.Describe("Each part"), nameof(parts));
            }

            id.Append(Separator).Append(part);
        }

        return id.ToString();
    }

    /// <summary>
    /// The ids instances had before the separator changed (parts joined with <c>-</c>). Never used
    /// to start anything new; only to find, finish and purge instances started under them.
    /// </summary>
    public static class Legacy
    {
        public const char Separator = '-';

        public static IReadOnlyList<string> Kinds { get; } = [Audit, Risk, Action, Findings];

        public static string ForAudit(string auditId) => $"audit-{auditId}";

        public static string ForReturn(string auditId, string caseRef, string agencyId) => $"audit-{auditId}-{caseRef}-{agencyId}";

        public static string ForRisk(string auditId, string caseRef, string agencyId, int answerVersion) =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"risk-{auditId}-{caseRef}-{agencyId}-v{answerVersion}");

        public static string ForAction(string auditId, string actionId) => $"action-{auditId}-{actionId}";

        public static string ForFindings(string auditId) => $"findings-{auditId}";

        /// <summary>
        /// The audits an old-scheme id could belong to, among the audits that exist: an id such as
        /// <c>audit-x-y-1-g</c> names audit <c>x</c> (case <c>y-1</c>) or <c>x-y</c> (case <c>1</c>).
        /// The retention purge removes such an instance only when one audit is left that it could
        /// belong to, so it never takes another audit's history.
        /// </summary>
        public static IReadOnlyList<string> CandidateAudits(string instanceId, IEnumerable<string> auditIds)
        {
            ArgumentNullException.ThrowIfNull(instanceId);
            ArgumentNullException.ThrowIfNull(auditIds);
            return auditIds.Where(a => Kinds.Any(k => Names(instanceId, k, a))).ToList();
        }

        private static bool Names(string instanceId, string kind, string auditId)
        {
            string prefix = kind + Separator + auditId;
            return instanceId == prefix || instanceId.StartsWith(prefix + Separator, StringComparison.Ordinal);
        }
    }
}
