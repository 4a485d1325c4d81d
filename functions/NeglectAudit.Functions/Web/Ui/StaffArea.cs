namespace NeglectAudit.Web.Ui;

/// <summary>
/// The parts of the service a signed-in member of staff moves between: the service navigation
/// links them all and marks the one a page belongs to. Pages reached with a personal link
/// (auditors, agency leads) pass no area and get no staff navigation.
/// </summary>
public enum StaffArea
{
    Audits,
    Calendar,
    Chasing,
    Agencies,
    Now,
    RefusedAccess,
    DataRequests,
}

/// <summary>One link of the service navigation.</summary>
public sealed record StaffLink(StaffArea Area, string Text, string Href)
{
    public static IReadOnlyList<StaffLink> All { get; } =
    [
        new(StaffArea.Audits, "Audits", "/api/coordinator"),
        new(StaffArea.Calendar, "Audit calendar", "/api/coordinator/calendar"),
        new(StaffArea.Chasing, "Chasing dashboard", "/api/coordinator/dashboard"),
        new(StaffArea.Agencies, "Agencies", "/api/coordinator/agencies"),
        new(StaffArea.Now, "What can we do now?", "/api/coordinator/now"),
        new(StaffArea.RefusedAccess, "Links that opened nothing", "/api/coordinator/refused-access"),
        new(StaffArea.DataRequests, "Data-subject requests", "/api/coordinator/contact-details"),
    ];
}
