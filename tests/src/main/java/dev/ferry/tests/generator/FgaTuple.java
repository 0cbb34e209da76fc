package dev.ferry.tests.generator;

/** One OpenFGA relationship tuple, in the {@code type:id} form the Read API returns. */
public record FgaTuple(String user, String relation, String object) {

    public String userType() {
        return typeOf(user);
    }

    public String objectType() {
        return typeOf(object);
    }

    private static String typeOf(String ref) {
        return ref.substring(0, ref.indexOf(':'));
    }
}
