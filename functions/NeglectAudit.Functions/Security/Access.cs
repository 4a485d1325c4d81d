using System.Reflection;

namespace NeglectAudit.Security;

/// <summary>The roles of the partnership's own staff, as Entra ID app roles.</summary>
public static class Roles
{
    public const string Coordinator = "Coordinator";
    public const string Panel = "Panel";
}

/// <summary>
/// The route is for signed-in staff holding any of these roles. Checked on every request. On a
/// class, it is said once for every function of the class, which then carries no access attribute
/// of its own.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresRoleAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;

    /// <summary>The roles a function requires, said on the function or on its class; null when neither says.</summary>
    public static RequiresRoleAttribute? Of(MethodInfo function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.GetCustomAttribute<RequiresRoleAttribute>() ?? function.DeclaringType?.GetCustomAttribute<RequiresRoleAttribute>();
    }
}

/// <summary>
/// The route needs no sign-in, and says why: it is reached with a personal link token (which the
/// function itself checks), or it holds nothing personal (a stylesheet, a health probe).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AnonymousAccessAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;

    /// <summary>The route takes a personal link token: callers who try too many bad ones are refused.</summary>
    public bool PersonalLink { get; init; }

    /// <summary>
    /// The route is on the immediate-risk path: its bad links are counted against the caller like
    /// any other, but the caller is never held off it (an alert must always be acknowledgeable).
    /// </summary>
    public bool ImmediateRisk { get; init; }
}

/// <summary>The route answers only requests from this machine (the local outbox, the development sign-in).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LocalOnlyAttribute : Attribute;
