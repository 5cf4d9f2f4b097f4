/// Self-signed test certificates and keys (generated with openssl for these tests only; they protect nothing).
enum TestPEM {
    static let rsaCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIDCTCCAfGgAwIBAgIUGVsjLqR3Q2enWULO6DG9ggeFj14wDQYJKoZIhvcNAQEL
        BQAwEzERMA8GA1UEAwwIdGVzdC1yc2EwIBcNMjYxMTI2MjIzNzQ1WhgPMjEyNjEx
        MDIyMjM3NDVaMBMxETAPBgNVBAMMCHRlc3QtcnNhMIIBIjANBgkqhkiG9w0BAQEF
        AAOCAQ8AMIIBCgKCAQEAowfV/zJ3/RQ+EKrRXr77CycpMH3Dw4u7RoReuXmlM5EU
        ZUGPKD7knGRemTOpC0mf55aAiPoovqPsUhFS1ZaZwHUCUepnRb+vw/tWnRq01gVS
        3o0Sm0cA873Bzd3CtzXcaLi2vJw+cdoHz4XqRasgd2t1+nuOBIW8emNTaPu1c3GR
        W/AbJHqQAYsM96gTFi7J9BF017nufwvHMU0qjHwW++Kz0P5DZlnTnY06fRbR07yD
        xiibVFN0T5NCqNsnqPqj0BJbI2djX7zMTGiKXox8JsyYne1MqL5o+DF3I54GLz9J
        lrLB4mvUwSXgP1HNe8UjRMtJtbgw9j5SOYAxDFWQbwIDAQABo1MwUTAdBgNVHQ4E
        FgQUMk6UuXQHFW8UMvHCH77Elj0mCUswHwYDVR0jBBgwFoAUMk6UuXQHFW8UMvHC
        H77Elj0mCUswDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAXxU0
        qMfb/IiBV3yomUv2GkUTK7cjpamasWdjYqCVKAVqHcLGVY2CnLkkwv8qFJpf77UH
        ccrgMr2z3a3LMzoeva2K2hrPkibRuLG7UMDzh+w82MxXOHNx9V3XZvc2hg9vcNYD
        qo1ODQ9uekjEHyP63oLzGC2i/2sRoqqdfQCJOuqI+ecFnfrOGR6p+KEoH9yhaSyc
        DBE3oOsLZdv5rfLtr+ffwNDSNAGyEganm+UOVACxUmbK1GGT9z8PPNnIAdyxY7bT
        756dIV9zGZa3nwABz3LQ/E+iYqapLeODCNPoJKTJHCa/jCm7YgQefBe6t4I62sOh
        p/QzYDwjtjxu38IO7w==
        -----END CERTIFICATE-----
        """
    static let rsaPKCS1Key = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEpAIBAAKCAQEAowfV/zJ3/RQ+EKrRXr77CycpMH3Dw4u7RoReuXmlM5EUZUGP
        KD7knGRemTOpC0mf55aAiPoovqPsUhFS1ZaZwHUCUepnRb+vw/tWnRq01gVS3o0S
        m0cA873Bzd3CtzXcaLi2vJw+cdoHz4XqRasgd2t1+nuOBIW8emNTaPu1c3GRW/Ab
        JHqQAYsM96gTFi7J9BF017nufwvHMU0qjHwW++Kz0P5DZlnTnY06fRbR07yDxiib
        VFN0T5NCqNsnqPqj0BJbI2djX7zMTGiKXox8JsyYne1MqL5o+DF3I54GLz9JlrLB
        4mvUwSXgP1HNe8UjRMtJtbgw9j5SOYAxDFWQbwIDAQABAoIBAC24l1vMABmSMTvE
        ZBZRsh71GxiV1K6FA/7pRZV3l4yILfOduLO9O6jefycw9UIMolM1ApQnsACTAUYc
        xKHQ7Aqs5fsqJU9KzFTGqopBwKBa+tweLS8t8QbqWy1MeXyfFtKpptnraZnNXy5k
        bIigTuke0oXuW6xKA0tBitVg7gjTSFGqbE8hqBQuST5aRRwYV3Jq4jocWBZo5oXo
        Rqp64GG4Hpipd4wMnCNRH1o2z/q0mLMaoB6WsEC6lDB10ohdz1za+pc02MeqaYZn
        f/wrT4qRrNABpFWXgMbfHn1lMqGIB0n77eN0pOBUjGoSvUSXztbEbpgvHHe4DjLp
        mtILeF0CgYEA3SOJasRD/7phso38ku64GzRoMo4Im4MTDH5tPkCkBBHDb89Y9QRz
        vEAbzA1oGctpvhOw1vn/JJ5pe4L6o0UXYeKpV3lr5Yu0hjNy1YKGCmEewHhEWxjZ
        PQp3kWQWt6917ZvtAk6k+ReVshKMnm186FpPtnm6wwlsMg2SYy9xdaMCgYEAvLs8
        Vus8DjOPGGydmbU+PI0/xNqx6dHxPJXSkIR0whmFYOW2C59iXcLPwNU7vGRTz65e
        Sd56r8sWKuruYhTdwKdzAkEvTIq3dvDIUmHW90sFajMRGoXR9X9fIkgPhxEbpRAE
        dqYeyNE/KVcIyc3wJ2FNskXD02ISNIWMS0Q+bsUCgYEAmOy/VeceAxXYBAtulAmj
        paSLPhK83xY4sRYo47j985Z5KbQhF2eZxaAr2OOYjuX9XSXuz+uYRrGJzpEYVJot
        /lIpu0VLmTUQhRHFIuOdYEYjZwSEeN7pM+4uG4w0rZgYHFYNA+Bw85Ucv0VWmySq
        EWCK6Wyq+79jZAXAqvifJLMCgYEApVMbA0TjAcm2gv26fMggsahGASpWCW4H9TuF
        DWWKZfE3Pm9bLgk7gMjDdrcTse7s4BNtsyW5sT6kt4m+spp2umm0vHffeBxXpFA+
        GrRsO4ozPxlm1SX+iyA9dOlM+NNKtSg30LuqYd2yh4MfRrAovEZnak/kv8m8Ctgl
        0lUAn8UCgYAL1JpknWaO+fX70BGnRhJc0aVZcZ777MNfnkLPkg8rO59IrYlZK3k4
        cZc0PuO/xEJR1+dj4FMKp+tH05dd/6OAzUXm85yl5c7mt1qgJTA5Qllhy+NOxghw
        tvT10uqDd86NkLoJFQA7X/te4/LyF3X9t3qLgFDEJsgdOlPK0ohG2A==
        -----END RSA PRIVATE KEY-----
        """
    static let rsaPKCS8Key = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCjB9X/Mnf9FD4Q
        qtFevvsLJykwfcPDi7tGhF65eaUzkRRlQY8oPuScZF6ZM6kLSZ/nloCI+ii+o+xS
        EVLVlpnAdQJR6mdFv6/D+1adGrTWBVLejRKbRwDzvcHN3cK3NdxouLa8nD5x2gfP
        hepFqyB3a3X6e44Ehbx6Y1No+7VzcZFb8BskepABiwz3qBMWLsn0EXTXue5/C8cx
        TSqMfBb74rPQ/kNmWdOdjTp9FtHTvIPGKJtUU3RPk0Ko2yeo+qPQElsjZ2NfvMxM
        aIpejHwmzJid7Uyovmj4MXcjngYvP0mWssHia9TBJeA/Uc17xSNEy0m1uDD2PlI5
        gDEMVZBvAgMBAAECggEALbiXW8wAGZIxO8RkFlGyHvUbGJXUroUD/ulFlXeXjIgt
        8524s707qN5/JzD1QgyiUzUClCewAJMBRhzEodDsCqzl+yolT0rMVMaqikHAoFr6
        3B4tLy3xBupbLUx5fJ8W0qmm2etpmc1fLmRsiKBO6R7She5brEoDS0GK1WDuCNNI
        UapsTyGoFC5JPlpFHBhXcmriOhxYFmjmhehGqnrgYbgemKl3jAycI1EfWjbP+rSY
        sxqgHpawQLqUMHXSiF3PXNr6lzTYx6pphmd//CtPipGs0AGkVZeAxt8efWUyoYgH
        Sfvt43Sk4FSMahK9RJfO1sRumC8cd7gOMuma0gt4XQKBgQDdI4lqxEP/umGyjfyS
        7rgbNGgyjgibgxMMfm0+QKQEEcNvz1j1BHO8QBvMDWgZy2m+E7DW+f8knml7gvqj
        RRdh4qlXeWvli7SGM3LVgoYKYR7AeERbGNk9CneRZBa3r3Xtm+0CTqT5F5WyEoye
        bXzoWk+2ebrDCWwyDZJjL3F1owKBgQC8uzxW6zwOM48YbJ2ZtT48jT/E2rHp0fE8
        ldKQhHTCGYVg5bYLn2Jdws/A1Tu8ZFPPrl5J3nqvyxYq6u5iFN3Ap3MCQS9Mird2
        8MhSYdb3SwVqMxEahdH1f18iSA+HERulEAR2ph7I0T8pVwjJzfAnYU2yRcPTYhI0
        hYxLRD5uxQKBgQCY7L9V5x4DFdgEC26UCaOlpIs+ErzfFjixFijjuP3zlnkptCEX
        Z5nFoCvY45iO5f1dJe7P65hGsYnOkRhUmi3+Uim7RUuZNRCFEcUi451gRiNnBIR4
        3ukz7i4bjDStmBgcVg0D4HDzlRy/RVabJKoRYIrpbKr7v2NkBcCq+J8kswKBgQCl
        UxsDROMBybaC/bp8yCCxqEYBKlYJbgf1O4UNZYpl8Tc+b1suCTuAyMN2txOx7uzg
        E22zJbmxPqS3ib6ymna6abS8d994HFekUD4atGw7ijM/GWbVJf6LID106Uz400q1
        KDfQu6ph3bKHgx9GsCi8RmdqT+S/ybwK2CXSVQCfxQKBgAvUmmSdZo759fvQEadG
        ElzRpVlxnvvsw1+eQs+SDys7n0itiVkreThxlzQ+47/EQlHX52PgUwqn60fTl13/
        o4DNRebznKXlzua3WqAlMDlCWWHL407GCHC29PXS6oN3zo2QugkVADtf+17j8vIX
        df23eouAUMQmyB06U8rSiEbY
        -----END PRIVATE KEY-----
        """
    static let ecCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBezCCASGgAwIBAgIUTgNYfov9rn6yY+tWuGfvPeZvCvkwCgYIKoZIzj0EAwIw
        EjEQMA4GA1UEAwwHdGVzdC1lYzAgFw0yNjExMjYyMjM3NDVaGA8yMTI2MTEwMjIy
        Mzc0NVowEjEQMA4GA1UEAwwHdGVzdC1lYzBZMBMGByqGSM49AgEGCCqGSM49AwEH
        A0IABBJt/5h3lFkNvnPzkf7yFUWYpgkzyjKRzJx6M8ZI1aR4FChNVRraz/DJAaNF
        cWlNiI5US8daZih+ar9+8jQU0VyjUzBRMB0GA1UdDgQWBBT4QmWLw03quo/zYwiU
        idMHfxQaTTAfBgNVHSMEGDAWgBT4QmWLw03quo/zYwiUidMHfxQaTTAPBgNVHRMB
        Af8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIAqefzr2F9/xbgy9S5DXy0ZB6a7o
        BHjFvCTGscR6m/edAiEAt5IGo0VGCJPSOvvF1nEQsIwxh9efGuAdzGK/TWtiIi8=
        -----END CERTIFICATE-----
        """
    static let ecKey = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIKBukE77DKpF9/g4TgkVF3UiGISmI+BFqnyD5JDKSJ4moAoGCCqGSM49
        AwEHoUQDQgAEEm3/mHeUWQ2+c/OR/vIVRZimCTPKMpHMnHozxkjVpHgUKE1VGtrP
        8MkBo0VxaU2IjlRLx1pmKH5qv37yNBTRXA==
        -----END EC PRIVATE KEY-----
        """
}
