// Apache Jena ARQ, run as a single-file Java program (java -cp JARS RunQueries.java ...):
// load one RDF dataset (TriG / N-Quads) into an in-memory Jena dataset -- its default graph is
// the file's default graph, NOT the union of the named graphs -- then run each query file on it
// and write its SELECT answer as SPARQL 1.1 JSON results to OUT/<index>.srj.
// Usage: RunQueries DATA OUT QUERY...
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.RDFDataMgr;

public class RunQueries {
    public static void main(String[] args) throws Exception {
        Dataset dataset = RDFDataMgr.loadDataset(args[0]);
        Path out = Paths.get(args[1]);
        for (int i = 2; i < args.length; i++) {
            String text = Files.readString(Paths.get(args[i]));
            try (QueryExecution exec = QueryExecutionFactory.create(text, dataset);
                 OutputStream stream = Files.newOutputStream(out.resolve((i - 2) + ".srj"))) {
                ResultSetFormatter.outputAsJSON(stream, exec.execSelect());
            }
        }
    }
}
