package io.routerbridge.emulator.menu;

/**
 * One property of a menu item. {@code defaultValue == null} means "unset, omitted from print".
 * Values are kept in the form print returns them (booleans as true/false, rates in bits...).
 */
public record Field(String name, ValueType type, String defaultValue, Access access) {
    public enum Access { READ_WRITE, READ_ONLY, WRITE_ONLY }

    public static Field rw(String name, ValueType type, String defaultValue) {
        return new Field(name, type, defaultValue, Access.READ_WRITE);
    }

    public static Field rw(String name, ValueType type) {
        return new Field(name, type, null, Access.READ_WRITE);
    }

    public static Field text(String name) {
        return new Field(name, ValueTypes.TEXT, null, Access.READ_WRITE);
    }

    public static Field text(String name, String defaultValue) {
        return new Field(name, ValueTypes.TEXT, defaultValue, Access.READ_WRITE);
    }

    public static Field bool(String name, boolean defaultValue) {
        return new Field(name, ValueTypes.BOOLEAN, Boolean.toString(defaultValue), Access.READ_WRITE);
    }

    public static Field readOnly(String name, String defaultValue) {
        return new Field(name, ValueTypes.TEXT, defaultValue, Access.READ_ONLY);
    }

    public static Field writeOnly(String name) {
        return new Field(name, ValueTypes.TEXT, null, Access.WRITE_ONLY);
    }

    public boolean writable() {
        return access != Access.READ_ONLY;
    }
}
