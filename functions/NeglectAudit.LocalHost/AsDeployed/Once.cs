namespace NeglectAudit.LocalHost.AsDeployed;

/// <summary>A value evaluated on first use, at most once; a value that needs itself is an error.</summary>
internal sealed class Once<T>(Func<T> factory, string what)
{
    private bool _running;
    private bool _done;
    private T? _value;

    public T Value
    {
        get
        {
            if (_done)
            {
                return _value!;
            }

            if (_running)
            {
                throw new ArmTemplateException($"{what} depends on itself.");
            }

            _running = true;
            try
            {
                _value = factory();
                _done = true;
                return _value;
            }
            finally
            {
                _running = false;
            }
        }
    }
}
